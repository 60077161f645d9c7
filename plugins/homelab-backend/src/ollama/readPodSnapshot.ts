import type { KubePod } from '@internal/plugin-homelab-node';
import { ownerWorkload } from './ownerWorkload';
import {
  podLimits,
  podRequests,
  quantities,
  statesResources,
  sumUsage,
} from './podResources';
import type { ClusterReader } from './sources';
import type { PodSnapshot, Resources } from './types';

const isRunning = (p: KubePod) => p.status?.phase === 'Running';

/**
 * The Ollama pod: usage from metrics.k8s.io, requests and limits from its spec
 * (or, when the pod spec states none, from the template of the workload that
 * owns it) and the allocatable resources of its node. A limit left undefined
 * means the pod has none. Undefined when no pod matches.
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

  let containers = pod.spec?.containers;
  if (!statesResources(containers)) {
    const workload = await ownerWorkload(cluster, namespace, pod).catch(
      () => undefined,
    );
    containers = workload?.spec?.template?.spec?.containers ?? containers;
  }

  const metrics = await cluster
    .listPodMetrics(namespace, labelSelector)
    .catch(() => []);
  const podMetrics = metrics.find(m => m.metadata?.name === name);
  const usage = sumUsage((podMetrics?.containers ?? []).map(c => c.usage));

  const nodeName = pod.spec?.nodeName;
  let nodeAllocatable: Resources = {};
  if (nodeName) {
    const nodes = await cluster.listNodes().catch(() => []);
    const node = nodes.find(n => n.metadata?.name === nodeName);
    nodeAllocatable = quantities(node?.status?.allocatable);
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
    requests: podRequests(containers),
    limits: podLimits(containers),
    nodeAllocatable,
  };
}
