import type { WorkloadCheck } from '@internal/plugin-homelab-common';
import type { KubeDeployment } from '@internal/plugin-homelab-node';
import { isPodReady, podProblem } from './describePod';
import { fail, pass, Verdict } from './result';
import type { CutoverClusterReader } from './types';

type Workload = KubeDeployment & {
  metadata: { generation?: number };
  status?: { observedGeneration?: number };
};

function selectorOf(w: Workload): string | undefined {
  const labels = w.spec?.selector?.matchLabels;
  if (!labels || !Object.keys(labels).length) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * All desired replicas updated and available, as `kubectl rollout status`
 * judges it; a failing one names its first unready pod.
 */
export async function checkWorkload(
  check: WorkloadCheck,
  cluster: CutoverClusterReader,
): Promise<Verdict> {
  const w = (
    check.kind === 'deployment'
      ? await cluster.getDeployment(check.namespace, check.name)
      : await cluster.getStatefulSet(check.namespace, check.name)
  ) as Workload;
  const desired = w.spec?.replicas ?? 1;
  const status = w.status ?? {};
  const available = status.availableReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  const progressing = status.conditions?.find(c => c.type === 'Progressing');
  let problem: string | undefined;
  if ((status.observedGeneration ?? 0) < (w.metadata.generation ?? 0))
    problem = 'the controller has not seen the latest spec yet';
  else if (progressing?.reason === 'ProgressDeadlineExceeded')
    problem = `rollout stalled (ProgressDeadlineExceeded${
      progressing.message ? `: ${progressing.message}` : ''
    })`;
  else if (check.kind === 'deployment' && updated < desired)
    problem = `${updated}/${desired} replicas updated`;
  else if (check.kind === 'deployment' && (status.replicas ?? 0) > updated) {
    const old = (status.replicas ?? 0) - updated;
    problem = `${old} old ${
      old === 1 ? 'replica' : 'replicas'
    } pending termination`;
  }
  const summary = `${available}/${desired} replicas available`;
  if (!problem && available >= desired)
    return pass(`${check.kind} ${check.name}: ${summary}`);
  const selector = selectorOf(w);
  const pods = selector
    ? await cluster.listPods(check.namespace, selector)
    : [];
  const bad = pods.find(p => !isPodReady(p));
  return fail(
    [`${check.kind} ${check.name}: ${summary}`, problem, bad && podProblem(bad)]
      .filter(Boolean)
      .join(', '),
  );
}
