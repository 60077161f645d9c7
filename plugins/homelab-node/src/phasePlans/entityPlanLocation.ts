import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { ANNOTATION_PHASE_PLAN } from '@internal/plugin-homelab-common';

export type EntityPlanLocation =
  | {
      type: 'file';
      /** Where the plan would be, before links are resolved. */
      path: string;
      /** The name it is shown under: repository-relative, else checkout-relative. */
      file: string;
      /** The annotation's value, for messages. */
      value: string;
      /** The checkout holding the catalog file the entity was read from. */
      checkout: string;
      /** The catalog loaded the entity from a file of the repository: the repository is a root too. */
      fromRepository: boolean;
    }
  | { type: 'url'; url: string }
  | { type: 'problem'; message: string };

export interface PlanLocationContext {
  repositoryRoot: string;
  /**
   * `file:<absolute path>` of each `catalog.locations` entry of type file, as
   * the catalog resolves it; without them no entity counts as loaded from the repository.
   */
  catalogFileLocations?: ReadonlySet<string>;
  /** Resolves a repository-root path ("/docs/x.md") against a location URL, as ScmIntegrations.resolveUrl does. */
  resolveUrl: (opts: { url: string; base: string }) => string;
}

/** A location as the catalog gives it to a processor: `{ type: 'file', target: '/abs/path' }`. */
export interface PlanEntityLocation {
  type: string;
  target: string;
}

function locationOf(ref: string | undefined): PlanEntityLocation | undefined {
  if (!ref) return undefined;
  try {
    return parseLocationRef(ref);
  } catch {
    return undefined;
  }
}

/** The nearest folder above `dir` holding `.git`, else `fallback` when `dir` is inside it, else `dir`. */
function checkoutRootOf(dir: string, fallback: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) break;
  }
  return isChildPath(fallback, dir) ? fallback : dir;
}

/**
 * Whether the catalog itself read the entity from a file of the repository:
 * its own location (set by the catalog, not by the entity) is a file under the
 * repository root, and it descends from a location of `catalog.locations`.
 */
function loadedFromRepository(
  entity: Entity,
  own: PlanEntityLocation,
  context: PlanLocationContext,
) {
  const origin = entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
  return (
    own.type === 'file' &&
    isChildPath(context.repositoryRoot, own.target) &&
    origin !== undefined &&
    (context.catalogFileLocations?.has(origin) ?? false)
  );
}

/**
 * Where the phase plan of an entity lives. A URL is read as is (the UrlReader
 * enforces backend.reading.allow); a path is relative to the root of the
 * repository the entity came from: for an entity the catalog read from a
 * file, the checkout holding that file (from the catalog's own
 * `backstage.io/managed-by-location`, never from `backstage.io/source-location`,
 * which the entity writes itself); for one read from a URL, that repository.
 * `location` is the one a catalog processor is handed, the same the catalog
 * writes into `backstage.io/managed-by-location`, which is read without it.
 */
export function entityPlanLocation(
  entity: Entity,
  context: PlanLocationContext,
  location?: PlanEntityLocation,
): EntityPlanLocation {
  const annotations = entity.metadata.annotations ?? {};
  const value = annotations[ANNOTATION_PHASE_PLAN]?.trim();
  if (!value) {
    return { type: 'problem', message: `${ANNOTATION_PHASE_PLAN} is empty` };
  }
  if (/^https?:\/\//i.test(value)) return { type: 'url', url: value };

  const own = location ?? locationOf(annotations[ANNOTATION_LOCATION]);
  const source = locationOf(annotations[ANNOTATION_SOURCE_LOCATION]);
  const urlBase =
    (source?.type === 'url' && source) || (own?.type === 'url' && own);
  if (urlBase) {
    return {
      type: 'url',
      url: context.resolveUrl({
        url: `/${value.replace(/^\/+/, '')}`,
        base: urlBase.target,
      }),
    };
  }
  if (own?.type !== 'file') {
    return {
      type: 'problem',
      message: `${ANNOTATION_PHASE_PLAN} is the path "${value}", but the catalog read the entity from no file or URL to resolve it against (${ANNOTATION_SOURCE_LOCATION} does not count for files); use a full URL`,
    };
  }
  const repositoryRoot = resolve(context.repositoryRoot);
  const checkout = checkoutRootOf(dirname(own.target), repositoryRoot);
  let path: string;
  try {
    path = resolveSafeChildPath(checkout, value.replace(/^\/+/, ''));
  } catch {
    return {
      type: 'problem',
      message: `${ANNOTATION_PHASE_PLAN} "${value}" points outside the repository the entity came from; give a path inside it, e.g. docs/phases/<plan>.md`,
    };
  }
  const root = isChildPath(repositoryRoot, path) ? repositoryRoot : checkout;
  return {
    type: 'file',
    path,
    file: relative(root, path).split(sep).join('/'),
    value,
    checkout,
    fromRepository: loadedFromRepository(entity, own, context),
  };
}
