import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-node';
import { ANNOTATION_PHASE_PLAN } from '@internal/plugin-homelab-common';

/** Where an entity's phase plan is read from: a file inside the entity's checkout, or a URL. */
export type PlanSource =
  | { type: 'file'; path: string; root: string }
  | { type: 'url'; url: string };

/** The nearest folder above `dir` holding `.git`, else `dir` itself. */
function checkoutRootOf(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return dir;
  }
}

/**
 * As homelab-backend locates a plan: a full URL as it is; a path relative to the
 * root of the checkout holding the catalog file the entity was read from. A path
 * leading outside that checkout, or a path on an entity read from a URL (resolving
 * it needs the SCM integration's URL rules), has no source here.
 */
export function planSourceOf(
  entity: Entity,
  location: LocationSpec,
): PlanSource | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION_PHASE_PLAN]?.trim();
  if (!value) return undefined;
  if (/^https?:\/\//i.test(value)) return { type: 'url', url: value };
  if (location.type !== 'file') return undefined;
  const root = checkoutRootOf(dirname(location.target));
  try {
    return {
      type: 'file',
      path: resolveSafeChildPath(root, value.replace(/^\/+/, '')),
      root,
    };
  } catch {
    return undefined;
  }
}
