import type { RequestPod } from './types';

/**
 * The STATUS column of `kubectl get pods` (kubectl's printPod): the pod's
 * reason or phase, then the first unfinished init container ("Init:…"), then
 * the app containers' waiting or terminated reason, "Terminating" last.
 */
export function kubectlStatus(pod: RequestPod): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || 'Unknown';
  const inits = pod.spec?.initContainers ?? [];
  const sidecars = new Set(
    inits.filter(c => c.restartPolicy === 'Always').map(c => c.name),
  );
  let initializing = false;
  for (const [i, c] of (status.initContainerStatuses ?? []).entries()) {
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecars.has(c.name) && (c as { started?: boolean }).started) continue;
    initializing = true;
    if (terminated) {
      reason = `Init:${terminatedReason(terminated)}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${inits.length}`;
    }
    break;
  }
  const initialized = status.conditions?.some(
    c => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initializing || initialized) {
    let running = false;
    for (const c of [...(status.containerStatuses ?? [])].reverse()) {
      const terminated = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (terminated) reason = terminatedReason(terminated);
      else if (c.ready && c.state?.running) running = true;
    }
    if (reason === 'Completed' && running) {
      reason = isReady(pod) ? 'Running' : 'NotReady';
    }
  }
  if ((pod.metadata as { deletionTimestamp?: string }).deletionTimestamp) {
    reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  }
  return reason;
}

/** A terminated container's reason, else its signal, else its exit code (kubectl's order). */
function terminatedReason(t: {
  reason?: string;
  signal?: number;
  exitCode?: number;
}): string {
  if (t.reason) return t.reason;
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
}

export function isReady(pod: RequestPod): boolean {
  return !!pod.status?.conditions?.some(
    c => c.type === 'Ready' && c.status === 'True',
  );
}

/** Running and Ready, or finished successfully (a completed Job's pod is no problem). */
export function isHealthy(pod: RequestPod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || (phase === 'Running' && isReady(pod));
}

/**
 * What the home page says about an unhealthy pod: kubectl's status, with the
 * last termination's reason of a restarting container ("CrashLoopBackOff:
 * OOMKilled") or the scheduler's message of an unschedulable one.
 */
export function problemReason(pod: RequestPod): string {
  const shown = kubectlStatus(pod);
  const scheduled = pod.status?.conditions?.find(
    c => c.type === 'PodScheduled',
  );
  if (scheduled?.status === 'False' && scheduled.message) {
    return `${shown}: ${scheduled.message}`;
  }
  const last = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ].find(c => !c.ready && c.lastState?.terminated?.reason);
  const lastReason = last?.lastState?.terminated?.reason;
  if (lastReason && lastReason !== shown) return `${shown}: ${lastReason}`;
  if (shown === 'Running') return 'Running, not ready';
  return shown;
}

export function restarts(pod: RequestPod): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (n, c) => n + (c.restartCount ?? 0),
    0,
  );
}
