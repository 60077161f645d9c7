import type { CutoverPodRow } from '@internal/plugin-homelab-common';
import type { KubePod } from '@internal/plugin-homelab-node';
import { kubectlStatus } from '../pods/podStatus';

type Status = NonNullable<KubePod['status']>;

/**
 * kubectl's STATUS column, except that a pending pod the scheduler could not
 * place says why (Unschedulable) instead of Pending.
 */
function shownReason(pod: KubePod): string {
  const shown = kubectlStatus(pod);
  const scheduled = pod.status?.conditions?.find(
    c => c.type === 'PodScheduled',
  );
  if (shown === 'Pending' && scheduled?.status === 'False' && scheduled.reason)
    return scheduled.reason;
  return shown;
}

/** One pod as the cutover view lists it, from the shared snapshot's reading. */
export function podRow(pod: KubePod): CutoverPodRow {
  const status: Status = pod.status ?? {};
  const containers = status.containerStatuses ?? [];
  const total = pod.spec?.containers.length ?? containers.length;
  const readyCount = containers.filter(c => c.ready).length;
  const healthy =
    status.phase === 'Running' &&
    total > 0 &&
    readyCount === total &&
    !(pod.metadata as { deletionTimestamp?: string }).deletionTimestamp;
  const restarted = containers
    .filter(c => c.lastState?.terminated?.reason)
    .sort((a, b) => b.restartCount - a.restartCount)[0];
  const row: CutoverPodRow = {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name,
    phase: status.phase ?? 'Unknown',
    ready: `${readyCount}/${total}`,
    healthy,
    restarts: containers.reduce((n, c) => n + (c.restartCount ?? 0), 0),
  };
  if (!healthy) row.reason = shownReason(pod);
  if (restarted)
    row.lastTerminationReason = restarted.lastState!.terminated!.reason;
  return row;
}
