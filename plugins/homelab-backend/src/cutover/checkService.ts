import type { NamedObjectCheck } from '@internal/plugin-homelab-common';
import { fail, pass, Verdict } from './result';
import type { CutoverClusterReader } from './types';

/**
 * At least one ready endpoint across the Service's EndpointSlices. Slices
 * may overlap while the controller rewrites them, so addresses count once;
 * a nil `ready` means ready (discovery.k8s.io/v1).
 */
export async function checkService(
  check: NamedObjectCheck,
  cluster: CutoverClusterReader,
): Promise<Verdict> {
  await cluster.getService(check.namespace, check.name); // a missing Service fails as such
  const slices = await cluster.listEndpointSlices(check.namespace, check.name);
  const ready = new Set<string>();
  const notReady = new Map<string, string>();
  for (const e of slices.flatMap(s => s.endpoints ?? [])) {
    const address = e.addresses[0] ?? '';
    if (e.conditions?.ready !== false) ready.add(address);
    else notReady.set(address, e.targetRef?.name ?? address);
  }
  for (const a of ready) notReady.delete(a);
  const label = `Service ${check.name}`;
  const unready = notReady.size
    ? ` (${notReady.size} not ready: ${[...notReady.values()]
        .slice(0, 3)
        .join(', ')})`
    : '';
  if (!slices.length)
    return fail(
      `${label}: no EndpointSlices (a Service without a selector, or the control plane has not made them yet)`,
    );
  if (!ready.size) return fail(`${label}: no ready endpoints${unready}`);
  return pass(
    `${label}: ${ready.size} ready endpoint${
      ready.size === 1 ? '' : 's'
    }${unready}`,
  );
}
