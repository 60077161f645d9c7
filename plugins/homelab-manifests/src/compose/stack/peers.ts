import type {
  PodSecurityLevel,
  ServiceSpecInput,
} from '../../spec/serviceSpec';
import { toDnsLabel } from '../composeValues';
import { peersOf } from '../egress';
import type { NormalizeResult } from '../normalize';
import type { StackService } from './types';

export const LEVELS: PodSecurityLevel[] = [
  'restricted',
  'baseline',
  'privileged',
];

/** Sidecars and init containers join their host pods: their egress and ports go with them. */
export function joinPods(
  services: StackService[],
  byService: Map<string, StackService>,
) {
  for (const guest of services) {
    if (guest.decision || (guest.role !== 'sidecar' && guest.role !== 'init'))
      continue;
    for (const hostName of guest.runsIn ?? []) {
      const host = byService.get(hostName);
      if (!host || host.decision || host.role !== 'deployment') {
        if (guest.role === 'sidecar')
          guest.decision = {
            reason: `shares the network of "${hostName}" (network_mode: service:${hostName}), which is not drafted as a Deployment${
              host?.decision ? ` (${host.decision.reason})` : ''
            }`,
            fix: `resolve "${hostName}" first; or drop network_mode to give it its own pod, knowing its traffic then no longer goes through ${hostName}`,
          };
        continue;
      }
      const hostSpec = host.draft!.spec;
      const guestSpec = guest.draft!.spec;
      hostSpec.egress = dedupe([
        ...(hostSpec.egress ?? []),
        ...(guestSpec.egress ?? []),
      ]);
      if (guest.role === 'sidecar') {
        const ports = hostSpec.ports ?? [];
        for (const port of guestSpec.ports ?? []) {
          if (
            ports.some(
              p =>
                p.port === port.port &&
                (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
            )
          )
            continue;
          const name = ports.some(p => p.name === port.name)
            ? `${(port.protocol ?? 'TCP').toLowerCase()}-${port.port}`
            : port.name;
          ports.push({ ...port, name });
        }
        hostSpec.ports = ports;
        guestSpec.ports = [];
        delete guestSpec.probes;
        guest.warnings.push(
          `runs as a container in the pod of "${host.name}" and shares its network, user and Pod Security level`,
        );
      } else {
        guest.warnings.push(
          `runs as an init container of "${host.name}" before it starts, each time its pod starts`,
        );
      }
      host.podSecurity = higher(host.podSecurity, guest.podSecurity);
    }
  }
}

/**
 * A service that talks to a sidecar (network_mode: service:<host>) reaches it through the
 * host's pod; without a port of its own, every port the host pod declares is allowed.
 */
export function reachSidecars(
  project: NormalizeResult,
  services: StackService[],
  byService: Map<string, StackService>,
  namespace: string,
) {
  for (const client of services) {
    if (!client.draft || client.decision) continue;
    const spec = client.draft.spec;
    for (const peer of peersOf(
      project.compose,
      client.service,
      project.compose.services[client.service],
    )) {
      const guest = byService.get(peer);
      const host =
        guest?.role === 'sidecar' ? byService.get(guest.runsIn![0]) : undefined;
      if (!host?.draft || host.decision || host === client) continue;
      if (
        (spec.egress ?? []).some(
          e => e.app === host.name || e.app === guest!.name,
        )
      )
        continue;
      for (const port of host.draft.spec.ports ?? [])
        (spec.egress ??= []).push({
          namespace,
          app: host.name,
          port: port.port,
          protocol: port.protocol ?? 'TCP',
        });
      client.unmapped = client.unmapped.filter(
        u => u.key !== `depends_on.${peer}`,
      );
      client.warnings.push(
        `reaches "${peer}" in the pod of "${host.name}": every port of that pod is allowed; narrow it to the one "${peer}" listens on`,
      );
    }
  }
}

/** Each egress rule inside the namespace becomes an ingress rule on the pods it reaches. */
export function allowPeers(
  specs: Map<string, ServiceSpecInput>,
  services: StackService[],
  namespace: string,
) {
  const podOf = new Map<string, string>();
  for (const s of services) {
    const host =
      s.role === 'sidecar' || s.role === 'init' ? s.runsIn?.[0] : undefined;
    podOf.set(s.name, s.role === 'sidecar' && host ? toDnsLabel(host) : s.name);
  }
  const bySpecName = new Map(
    [...specs.values()].map(spec => [spec.name, spec]),
  );
  for (const s of services) {
    const spec = specs.get(s.service);
    if (!spec || s.role === 'sidecar' || s.role === 'init') continue;
    spec.egress = dedupe(
      (spec.egress ?? []).map(e =>
        e.namespace === namespace
          ? { ...e, app: podOf.get(e.app) ?? e.app }
          : e,
      ),
    ).filter(e => !(e.namespace === namespace && e.app === spec.name));
    for (const e of spec.egress) {
      const target =
        e.namespace === namespace ? bySpecName.get(e.app) : undefined;
      if (!target || (target.ports ?? []).length === 0) continue;
      const ingress = target.ingress ?? [];
      if (!ingress.some(i => i.namespace === namespace && i.app === spec.name))
        ingress.push({ namespace, app: spec.name });
      target.ingress = ingress;
    }
  }
}

export function higher(
  a: PodSecurityLevel,
  b: PodSecurityLevel,
): PodSecurityLevel {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
