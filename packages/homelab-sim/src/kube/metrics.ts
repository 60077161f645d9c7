import { hexFor, ts } from '../cluster/ids';
import { formatKi, parseBytes, parseMillicores } from '../cluster/quantity';
import type { KubeObject } from '../cluster/types';
import { loadedBytes, type Scheduler } from '../ollama/scheduler';
import type { ResolvedScenario } from '../scenario/types';

const OLLAMA_BASE_BYTES = 200 * 2 ** 20;
const OLLAMA_BUSY_MILLICORES = 3500;
const OLLAMA_IDLE_MILLICORES = 5;

export interface MetricsSource {
  scenario(): ResolvedScenario;
  objects(): KubeObject[];
  scheduler(): Scheduler;
}

function isOllama(pod: KubeObject): boolean {
  return pod.metadata.labels?.['app.kubernetes.io/name'] === 'ollama';
}

function running(pod: KubeObject): boolean {
  return (
    pod.status?.phase === 'Running' &&
    (pod.status.containerStatuses ?? []).some((c: any) => c.state?.running)
  );
}

/** Steady per-container usage for ordinary pods: derived from the name so it does not jump around. */
function steadyUsage(pod: KubeObject, container: any) {
  const n = parseInt(hexFor(`${pod.metadata.name}/${container.name}`, 4), 16);
  const requested = container.resources?.requests?.memory;
  const memory = requested
    ? parseBytes(requested) * (0.4 + (n % 40) / 100)
    : (24 + (n % 160)) * 2 ** 20;
  return { cpu: 1 + (n % 15), memory };
}

function podUsage(src: MetricsSource, pod: KubeObject) {
  const containers: any[] = pod.spec?.containers ?? [];
  return containers.map((c, i) => {
    if (isOllama(pod) && i === 0) {
      const sched = src.scheduler();
      const loaded = sched
        .loadedModels()
        // What Ollama put in GPU memory is not in the pod's RAM.
        .reduce((sum, e) => sum + loadedBytes(e.model) - e.vramBytes, 0);
      return {
        name: c.name,
        cpu: sched.isGenerating()
          ? OLLAMA_BUSY_MILLICORES
          : OLLAMA_IDLE_MILLICORES,
        memory: OLLAMA_BASE_BYTES + loaded,
      };
    }
    return { name: c.name, ...steadyUsage(pod, c) };
  });
}

/** metrics.k8s.io PodMetrics for every pod with a running container, as metrics-server reports them. */
export function podMetrics(src: MetricsSource): KubeObject[] {
  const now = ts(Date.now() - 5000);
  return src
    .objects()
    .filter(o => o.kind === 'Pod' && running(o))
    .map(pod => ({
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        labels: pod.metadata.labels,
        creationTimestamp: ts(Date.now()),
      },
      timestamp: now,
      window: '15s',
      containers: podUsage(src, pod).map(u => ({
        name: u.name,
        usage: {
          cpu: `${Math.round(u.cpu * 1e6)}n`,
          memory: formatKi(u.memory),
        },
      })),
    }));
}

/** NodeMetrics: the scenario's baseline plus what the Ollama pod uses on its node. */
export function nodeMetrics(src: MetricsSource): KubeObject[] {
  const now = ts(Date.now() - 5000);
  const ollamaPods = src
    .objects()
    .filter(o => o.kind === 'Pod' && isOllama(o) && running(o));
  return src.scenario().nodes.map(n => {
    let cpu = parseMillicores(n.usage.cpu);
    let memory = parseBytes(n.usage.memory);
    for (const pod of ollamaPods.filter(p => p.spec?.nodeName === n.name)) {
      for (const u of podUsage(src, pod)) {
        cpu += u.cpu;
        memory += u.memory;
      }
    }
    return {
      kind: 'NodeMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {
        name: n.name,
        labels: { 'kubernetes.io/hostname': n.name },
        creationTimestamp: ts(Date.now()),
      },
      timestamp: now,
      window: '20s',
      usage: { cpu: `${Math.round(cpu * 1e6)}n`, memory: formatKi(memory) },
    };
  });
}
