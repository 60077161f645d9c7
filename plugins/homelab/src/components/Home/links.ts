import { parseEntityRef } from '@backstage/catalog-model';

/** The Migration page's path (plugin.tsx mounts it there). */
export const MIGRATION_PATH = '/homelab/migration';

/** A plan's Cutover view, under the Migration page (see CutoverPlanLink). */
export function cutoverViewPath(planId: string): string {
  return `${MIGRATION_PATH}/cutover/${encodeURIComponent(planId)}`;
}

/** The catalog page of an entity, or one of its tabs ("migration"). */
export function entityPath(ref: string, tab?: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  const base = `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
  return tab ? `${base}/${tab}` : base;
}
