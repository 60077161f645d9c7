import { parseQuantity } from '@internal/plugin-homelab-common';
import type { Requested, RequestPod } from './types';

type Quantities = Record<string, string> | undefined;

// Float error of a binary suffix times a decimal ("1.1Gi") must not round up a whole byte.
const ceil = (n: number) => Math.ceil(Number(n.toPrecision(12)));

function read(q: Quantities): Requested {
  const cpu = q?.cpu === undefined ? undefined : parseQuantity(q.cpu);
  const memory = q?.memory === undefined ? undefined : parseQuantity(q.memory);
  return {
    cpuMillicores: cpu === undefined ? 0 : ceil(cpu * 1000),
    memoryBytes: memory === undefined ? 0 : ceil(memory),
  };
}

const add = (a: Requested, b: Requested): Requested => ({
  cpuMillicores: a.cpuMillicores + b.cpuMillicores,
  memoryBytes: a.memoryBytes + b.memoryBytes,
});
const max = (a: Requested, b: Requested): Requested => ({
  cpuMillicores: Math.max(a.cpuMillicores, b.cpuMillicores),
  memoryBytes: Math.max(a.memoryBytes, b.memoryBytes),
});
const ZERO: Requested = { cpuMillicores: 0, memoryBytes: 0 };

/**
 * A pod's effective requests as `kubectl describe node` computes them
 * (k8s.io/kubectl/pkg/util/resource PodRequestsAndLimits): app containers
 * summed (a resize's allocated resources count when larger, and alone when
 * the resize is infeasible); sidecars (init containers with restartPolicy
 * Always) added to that sum and to every later init container; the pod takes
 * the larger of the sum and the largest init container; the overhead on top.
 * Only requests count: the API server has already defaulted them from limits.
 */
export function podRequests(pod: RequestPod): Requested {
  const statuses = new Map(
    (pod.status?.containerStatuses ?? []).map(s => [s.name, s]),
  );
  let total = ZERO;
  for (const c of pod.spec?.containers ?? []) {
    let requested = read(c.resources?.requests);
    const status = statuses.get(c.name);
    if (status) {
      const allocated = read(status.allocatedResources);
      requested =
        pod.status?.resize === 'Infeasible'
          ? allocated
          : max(requested, allocated);
    }
    total = add(total, requested);
  }

  let sidecars = ZERO;
  let init = ZERO;
  for (const c of pod.spec?.initContainers ?? []) {
    let requested = read(c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      total = add(total, requested);
      sidecars = add(sidecars, requested);
      requested = sidecars;
    } else {
      requested = add(requested, sidecars);
    }
    init = max(init, requested);
  }
  total = max(total, init);
  return add(total, read(pod.spec?.overhead));
}

/** `kubectl describe node` lists the pods of `spec.nodeName` whose phase is neither Succeeded nor Failed. */
export function isNonTerminatedOn(pod: RequestPod, node: string): boolean {
  const phase = pod.status?.phase;
  return (
    pod.spec?.nodeName === node && phase !== 'Succeeded' && phase !== 'Failed'
  );
}
