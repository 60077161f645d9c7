import { useApi } from '@backstage/frontend-plugin-api';
import { homelabApiRef } from '../../api/HomelabApi';
import type { CutoverSummary } from '../../api/types';
import { usePolled } from '../../hooks/usePolled';
import { CUTOVER_LIST_POLL_MS } from './useEntityCutover';

/** Every cutover the viewer may see, by plan id. */
export function useCutovers(pollIntervalMs = CUTOVER_LIST_POLL_MS) {
  const api = useApi(homelabApiRef);
  return usePolled<Map<string, CutoverSummary>>(
    async () => {
      const { cutovers } = await api.listCutovers();
      return new Map(cutovers.map(c => [c.planId, c]));
    },
    'cutovers',
    pollIntervalMs,
  );
}
