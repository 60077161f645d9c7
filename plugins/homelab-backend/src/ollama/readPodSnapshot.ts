import { bytes, cpuMillicores } from './quantity';
import { type ClusterReader, itemsOf, type KubeObject } from './sources';
import type { PodSnapshot, Resources } from './types';

function sum(a: number | undefined, b: number | undefined) {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function containerTotals(
  containers: any[] | undefined,
  field: 'requests' | 'limits',
): Resources {
  let total: Resources = {};
  for (const c of containers ?? []) {
    const r = c?.resources?.[field] ?? {};
    total = {
      cpuMillicores: sum(total.cpuMillicores, cpuMillicores(r.cpu)),
      memoryBytes: sum(total.memoryBytes, bytes(r.memory)),
    };
  }
  return total;
}

const isRunning = (p: KubeObject) => p.status?.phase === 'Running';

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
  const pods = itemsOf(await cluster.listPods(namespace, labelSelector));
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

  const metrics = itemsOf(
    await cluster.listPodMetrics(namespace, labelSelector).catch(() => []),
  );
  const podMetrics = metrics.find(m => m.metadata?.name === name);
  let usage: Resources = {};
  for (const c of podMetrics?.containers ?? []) {
    usage = {
      cpuMillicores: sum(usage.cpuMillicores, cpuMillicores(c.usage?.cpu)),
      memoryBytes: sum(usage.memoryBytes, bytes(c.usage?.memory)),
    };
  }

  const nodeName: string | undefined = pod.spec?.nodeName;
  let nodeAllocatable: Resources = {};
  if (nodeName) {
    const nodes = itemsOf(await cluster.listNodes().catch(() => []));
    const node = nodes.find(n => n.metadata?.name === nodeName);
    const alloc = node?.status?.allocatable ?? {};
    nodeAllocatable = {
      cpuMillicores: cpuMillicores(alloc.cpu),
      memoryBytes: bytes(alloc.memory),
    };
  }

  const restarts = (pod.status?.containerStatuses ?? []).reduce(
    (n: number, s: any) => n + (Number(s?.restartCount) || 0),
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
