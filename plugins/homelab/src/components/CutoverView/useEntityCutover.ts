import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { homelabApiRef } from '../../api/HomelabApi';
import type { CutoverSummary } from '../../api/types';
import { usePolled } from '../../hooks/usePolled';

export const CUTOVER_LIST_POLL_MS = 30_000;

/** The cutover of the entity's phase plan; `null` when its plan has no cutover section. */
export function useEntityCutover(
  entity: Entity,
  pollIntervalMs = CUTOVER_LIST_POLL_MS,
) {
  const api = useApi(homelabApiRef);
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  return usePolled<CutoverSummary | null>(
    async () => {
      const { cutovers } = await api.listCutovers();
      return (
        cutovers.find(c =>
          c.entityRefs.some(r => r.toLocaleLowerCase('en-US') === ref),
        ) ?? null
      );
    },
    `entity-cutover|${ref}`,
    pollIntervalMs,
  );
}
