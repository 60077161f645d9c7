import type { KubePod } from '@internal/plugin-homelab-node';

export function isPodReady(pod: KubePod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    !!pod.status.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    )
  );
}

/**
 * Why a pod is not Running and Ready, in kubectl's words: the waiting reason
 * of a container and its last termination ("CrashLoopBackOff: OOMKilled"),
 * an unschedulable pod's message, or the Ready condition's reason.
 */
export function podProblem(pod: KubePod): string {
  const name = `pod ${pod.metadata.name}`;
  if ((pod.metadata as { deletionTimestamp?: string }).deletionTimestamp)
    return `${name} Terminating`;
  for (const c of pod.status?.containerStatuses ?? []) {
    const waiting = c.state?.waiting;
    const last = c.lastState?.terminated;
    if (waiting?.reason) {
      return `${name} ${waiting.reason}${
        last?.reason ? `: ${last.reason}` : ''
      }${c.restartCount ? ` (${c.restartCount} restarts)` : ''}`;
    }
    const terminated = c.state?.terminated;
    if (terminated)
      return `${name} container ${c.name} ${
        terminated.reason ?? `exited ${terminated.exitCode}`
      }`;
  }
  const scheduled = pod.status?.conditions?.find(
    c => c.type === 'PodScheduled',
  );
  if (scheduled?.status === 'False')
    return `${name} ${pod.status?.phase ?? 'Pending'}: ${
      scheduled.reason ?? 'not scheduled'
    }${scheduled.message ? ` (${scheduled.message})` : ''}`;
  if (pod.status?.phase !== 'Running')
    return `${name} ${pod.status?.phase ?? 'Unknown'}`;
  const ready = pod.status.conditions?.find(c => c.type === 'Ready');
  const unready = (pod.status.containerStatuses ?? [])
    .filter(c => !c.ready)
    .map(c => c.name);
  if (unready.length) return `${name} not ready (${unready.join(', ')})`;
  return `${name} not ready${ready?.reason ? ` (${ready.reason})` : ''}`;
}
