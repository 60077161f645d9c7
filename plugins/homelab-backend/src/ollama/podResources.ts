import type { KubeResourceRequirements } from '@internal/plugin-homelab-node';
import { bytes, cpuMillicores } from './quantity';
import type { Resources } from './types';

type Containers = { resources?: KubeResourceRequirements }[] | undefined;

const READ = {
  cpuMillicores: (q?: Record<string, string>) => cpuMillicores(q?.cpu),
  memoryBytes: (q?: Record<string, string>) => bytes(q?.memory),
};
const FIGURES = Object.keys(READ) as (keyof Resources)[];

/** CPU and memory of `cpu`/`memory` quantities, e.g. a node's allocatable or a pod's usage. */
export function quantities(q: Record<string, string> | undefined): Resources {
  return {
    cpuMillicores: READ.cpuMillicores(q),
    memoryBytes: READ.memoryBytes(q),
  };
}

/** Summed usage of a pod's containers; a figure none of them reports stays undefined. */
export function sumUsage(usages: (Record<string, string> | undefined)[]) {
  const total: Resources = {};
  for (const figure of FIGURES) {
    const values = usages.map(u => READ[figure](u));
    if (values.some(v => v !== undefined))
      total[figure] = values.reduce<number>((n, v) => n + (v ?? 0), 0);
  }
  return total;
}

/**
 * The pod's limits: a container without a limit may use what the node
 * offers, so one such container leaves the pod without a limit (undefined).
 */
export function podLimits(containers: Containers): Resources {
  const list = containers ?? [];
  const total: Resources = {};
  for (const figure of FIGURES) {
    const values = list.map(c => READ[figure](c.resources?.limits));
    if (list.length > 0 && values.every(v => v !== undefined))
      total[figure] = values.reduce<number>((n, v) => n + v!, 0);
  }
  return total;
}

/** The pod's requests; a container with a limit and no request requests its limit, as the API server defaults it. */
export function podRequests(containers: Containers): Resources {
  const total: Resources = {};
  for (const figure of FIGURES) {
    const values = (containers ?? []).map(
      c =>
        READ[figure](c.resources?.requests) ??
        READ[figure](c.resources?.limits),
    );
    if (values.some(v => v !== undefined))
      total[figure] = values.reduce<number>((n, v) => n + (v ?? 0), 0);
  }
  return total;
}

/** Whether any container states requests or limits at all. */
export function statesResources(containers: Containers): boolean {
  return (containers ?? []).some(
    c =>
      Object.keys(c.resources?.requests ?? {}).length > 0 ||
      Object.keys(c.resources?.limits ?? {}).length > 0,
  );
}
