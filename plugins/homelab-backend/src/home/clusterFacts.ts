import { parseQuantity } from '@internal/plugin-homelab-common';
import type { ClusterReading } from '../snapshot/types';
import { isNonTerminatedOn, podRequests } from './podRequests';
import { isHealthy, problemReason, restarts } from '../pods/podStatus';
import type { RequestPod } from './types';

/** A node's figures before entity links are added for a caller. */
export interface NodeFacts {
  name: string;
  ready: boolean;
  cpu: { requestedMillicores: number; allocatableMillicores: number };
  memory: { requestedBytes: number; allocatableBytes: number };
}

/** An unhealthy pod with the labels that find its catalog entity. */
export interface ProblemFacts {
  namespace: string;
  name: string;
  phase: string;
  reason: string;
  restarts: number;
  labels: Record<string, string>;
}

export interface ClusterFacts {
  nodes: NodeFacts[];
  problems: ProblemFacts[];
  podCount: number;
}

const whole = (q: string | undefined, factor: number) => {
  const n = q === undefined ? undefined : parseQuantity(q);
  return n === undefined ? 0 : Math.ceil(Number((n * factor).toPrecision(12)));
};

/** One reading of the cluster as the home page shows it; computed once per reading, for every viewer. */
export function clusterFacts(reading: ClusterReading): ClusterFacts {
  const pods = reading.pods as RequestPod[];
  const nodes = reading.nodes.map(node => {
    const name = node.metadata.name;
    let cpu = 0;
    let memory = 0;
    for (const pod of pods) {
      if (!isNonTerminatedOn(pod, name)) continue;
      const r = podRequests(pod);
      cpu += r.cpuMillicores;
      memory += r.memoryBytes;
    }
    const allocatable = node.status?.allocatable;
    return {
      name,
      ready: !!node.status?.conditions?.some(
        c => c.type === 'Ready' && c.status === 'True',
      ),
      cpu: {
        requestedMillicores: cpu,
        allocatableMillicores: whole(allocatable?.cpu, 1000),
      },
      memory: {
        requestedBytes: memory,
        allocatableBytes: whole(allocatable?.memory, 1),
      },
    };
  });
  const problems = pods
    .filter(p => !isHealthy(p))
    .map(p => ({
      namespace: p.metadata.namespace ?? 'default',
      name: p.metadata.name,
      phase: p.status?.phase ?? 'Unknown',
      reason: problemReason(p),
      restarts: restarts(p),
      labels: p.metadata.labels ?? {},
    }))
    .sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
  return { nodes, problems, podCount: pods.length };
}
