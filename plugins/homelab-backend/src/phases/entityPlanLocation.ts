import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { ANNOTATION_PHASE_PLAN } from '@internal/plugin-homelab-common';

export type EntityPlanLocation =
  | { type: 'file'; absPath: string; file: string }
  | { type: 'url'; url: string }
  | { type: 'problem'; message: string };

function isInside(root: string, path: string) {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The nearest folder above `dir` holding `.git`, else `fallback` when `dir` is inside it, else `dir`. */
function checkoutRootOf(dir: string, fallback: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) break;
  }
  return isInside(fallback, dir) ? fallback : dir;
}

/**
 * Where the phase plan of an entity lives. A URL is read as is; a path is
 * relative to the root of the repository the entity came from: for entities
 * read from a file, the checkout holding that file; for entities read from a
 * URL, the repository of their source location.
 */
export function entityPlanLocation(
  entity: Entity,
  repositoryRoot: string,
  /** Resolves a repository-root path ("/docs/x.md") against a location URL, as ScmIntegrations.resolveUrl does. */
  resolveUrl: (opts: { url: string; base: string }) => string,
): EntityPlanLocation {
  const annotations = entity.metadata.annotations ?? {};
  const value = annotations[ANNOTATION_PHASE_PLAN]?.trim();
  if (!value) {
    return { type: 'problem', message: `${ANNOTATION_PHASE_PLAN} is empty` };
  }
  if (/^https?:\/\//i.test(value)) return { type: 'url', url: value };

  const locationRef =
    annotations[ANNOTATION_SOURCE_LOCATION] ?? annotations[ANNOTATION_LOCATION];
  let location: { type: string; target: string } | undefined;
  try {
    location = locationRef ? parseLocationRef(locationRef) : undefined;
  } catch {
    location = undefined;
  }
  if (location?.type === 'url') {
    return {
      type: 'url',
      url: resolveUrl({
        url: `/${value.replace(/^\/+/, '')}`,
        base: location.target,
      }),
    };
  }
  if (location?.type !== 'file') {
    return {
      type: 'problem',
      message: `${ANNOTATION_PHASE_PLAN} is the path "${value}", but the entity has no file or URL location to resolve it against; use a full URL`,
    };
  }
  const checkout = checkoutRootOf(
    dirname(location.target),
    resolve(repositoryRoot),
  );
  const absPath = resolve(checkout, value.replace(/^\/+/, ''));
  if (!isInside(checkout, absPath)) {
    return {
      type: 'problem',
      message: `${ANNOTATION_PHASE_PLAN} "${value}" points outside the repository; give a path inside it, e.g. docs/phases/<plan>.md`,
    };
  }
  const root = isInside(repositoryRoot, absPath) ? repositoryRoot : checkout;
  return {
    type: 'file',
    absPath,
    file: relative(root, absPath).split(sep).join('/'),
  };
}
