import type { CutoverPodRow } from '@internal/plugin-homelab-common';
import type { KubePod } from '@internal/plugin-homelab-node';

type Status = NonNullable<KubePod['status']>;

/**
 * kubectl's STATUS column (printPod in kubectl's printers): the pod's reason
 * or phase, replaced by the last container's waiting or terminated reason
 * (`Signal:9`, `ExitCode:1` without one), Terminating while deleted. A
 * pending pod the scheduler could not place says Unschedulable.
 */
function kubectlReason(pod: KubePod, status: Status): string {
  let reason =
    (status as { reason?: string }).reason || status.phase || 'Unknown';
  const scheduled = status.conditions?.find(c => c.type === 'PodScheduled');
  if (
    status.phase === 'Pending' &&
    scheduled?.status === 'False' &&
    scheduled.reason
  )
    reason = scheduled.reason;
  let running = false;
  for (const c of [...(status.containerStatuses ?? [])].reverse()) {
    const waiting = c.state?.waiting;
    const terminated = c.state?.terminated as
      | { reason?: string; exitCode?: number; signal?: number }
      | undefined;
    if (waiting?.reason) reason = waiting.reason;
    else if (terminated?.reason) reason = terminated.reason;
    else if (terminated?.signal) reason = `Signal:${terminated.signal}`;
    else if (terminated) reason = `ExitCode:${terminated.exitCode ?? 0}`;
    else if (c.ready && c.state?.running) running = true;
  }
  const ready = status.conditions?.some(
    c => c.type === 'Ready' && c.status === 'True',
  );
  if (reason === 'Completed' && running)
    reason = ready ? 'Running' : 'NotReady';
  if ((pod.metadata as { deletionTimestamp?: string }).deletionTimestamp)
    reason = 'Terminating';
  return reason;
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
  if (!healthy) row.reason = kubectlReason(pod, status);
  if (restarted)
    row.lastTerminationReason = restarted.lastState!.terminated!.reason;
  return row;
}
