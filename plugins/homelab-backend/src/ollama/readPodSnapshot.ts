import { bytes, cpuMillicores } from './quantity';
import type {
  KubePod,
  KubeResourceRequirements,
} from '@internal/plugin-homelab-node';
import type { ClusterReader } from './sources';
import type { PodSnapshot, Resources } from './types';

function sum(a: number | undefined, b: number | undefined) {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

/** CPU and memory summed over `cpu`/`memory` quantities; a figure none of them gives stays undefined. */
function totals(quantities: (Record<string, string> | undefined)[]): Resources {
  let total: Resources = {};
  for (const q of quantities) {
    total = {
      cpuMillicores: sum(total.cpuMillicores, cpuMillicores(q?.cpu)),
      memoryBytes: sum(total.memoryBytes, bytes(q?.memory)),
    };
  }
  return total;
}

function containerTotals(
  containers: { resources?: KubeResourceRequirements }[] = [],
  field: 'requests' | 'limits',
): Resources {
  return totals(containers.map(c => c.resources?.[field]));
}

const isRunning = (p: KubePod) => p.status?.phase === 'Running';

/**
 * The Ollama pod: usage from metrics.k8s.io, requests and limits from its spec
 * (or its Deployment's template when the pod spec has none) and the
 * allocatable resources of its node. Undefined when no pod matches.
 */
export async function readPodSnapshot(
  cluster: ClusterReader,
  namespace: string,
  labelSelector: string,
): Promise<PodSnapshot | undefined> {
  const pods = await cluster.listPods(namespace, labelSelector);
  const pod = pods.find(isRunning) ?? pods[0];
  if (!pod?.metadata?.name) return undefined;
  const name = pod.metadata.name;

  let requests = containerTotals(pod.spec?.containers, 'requests');
  let limits = containerTotals(pod.spec?.containers, 'limits');
  if (limits.memoryBytes === undefined && limits.cpuMillicores === undefined) {
    const deploymentName = pod.metadata.labels?.['app.kubernetes.io/name'];
    const deployment = deploymentName
      ? await cluster
          .getDeployment(namespace, deploymentName)
          .catch(() => undefined)
      : undefined;
    const containers = deployment?.spec?.template?.spec?.containers;
    requests = containerTotals(containers, 'requests');
    limits = containerTotals(containers, 'limits');
  }

  const metrics = await cluster
    .listPodMetrics(namespace, labelSelector)
    .catch(() => []);
  const podMetrics = metrics.find(m => m.metadata?.name === name);
  const usage = totals((podMetrics?.containers ?? []).map(c => c.usage));

  const nodeName = pod.spec?.nodeName;
  let nodeAllocatable: Resources = {};
  if (nodeName) {
    const nodes = await cluster.listNodes().catch(() => []);
    const node = nodes.find(n => n.metadata?.name === nodeName);
    nodeAllocatable = totals([node?.status?.allocatable]);
  }

  const restarts = (pod.status?.containerStatuses ?? []).reduce(
    (n, s) => n + (Number(s.restartCount) || 0),
    0,
  );
  return {
    name,
    nodeName,
    phase: pod.status?.phase,
    restarts,
    usage,
    requests,
    limits,
    nodeAllocatable,
  };
}
