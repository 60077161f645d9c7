import { useApi } from '@backstage/frontend-plugin-api';
import { homelabApiRef } from '../../api/HomelabApi';
import type { CutoverDetail } from '../../api/types';
import { usePolled } from '../../hooks/usePolled';

/** Without a schedule the results change only on request, so the view looks less often. */
const IDLE_POLL_MS = 30_000;

/**
 * While the cutover is in progress, poll at a third of the backend's check
 * interval, so a new result shows well within one interval of being read.
 * Polling is cheap: viewers read the shared results, never the cluster.
 */
export function cutoverPollMs(detail: CutoverDetail | undefined): number {
  if (!detail) return 15_000;
  if (!detail.inProgress) return IDLE_POLL_MS;
  return Math.max(2000, (detail.intervalSeconds * 1000) / 3);
}

export function useCutover(planId: string, pollIntervalMs?: number) {
  const api = useApi(homelabApiRef);
  return usePolled(
    () => api.getCutover(planId),
    `cutover|${planId}`,
    pollIntervalMs ?? cutoverPollMs,
  );
}
