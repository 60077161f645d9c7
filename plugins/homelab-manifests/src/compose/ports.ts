import type { UnmappedKey } from './importComposeService';
import {
  exposedPorts,
  portName,
  portOf,
  PortEntry,
  wellKnownPort,
} from './composeValues';
import type { NormalizedCompose, NormalizedService } from './normalize';

export type NamedPort = PortEntry & { name: string };

/** Container ports of `ports:` (long form) and `expose:`, deduplicated and named. */
export function declaredPorts(
  service: NormalizedService,
  unmapped: UnmappedKey[] = [],
): PortEntry[] {
  const found: PortEntry[] = [];
  const add = (
    key: string,
    entry: Parameters<typeof portOf>[0] | { problem: string },
  ) => {
    const port = 'problem' in entry ? entry : portOf(entry);
    if ('problem' in port) unmapped.push({ key, reason: port.problem });
    else if (
      !found.some(p => p.target === port.target && p.protocol === port.protocol)
    )
      found.push(port);
  };
  (service.ports ?? []).forEach((p, i) => add(`ports[${i}]`, p));
  exposedPorts(service.expose ?? []).forEach((p, i) => add(`expose[${i}]`, p));
  return found;
}

/**
 * Ports from `ports:` and `expose:`, named; inferred when compose has none. A service
 * with none declared and none inferable is a workload without ports (a worker).
 */
export function mapPorts(
  project: NormalizedCompose,
  serviceName: string,
  service: NormalizedService,
  unmapped: UnmappedKey[],
  warnings: string[],
): NamedPort[] {
  const found = declaredPorts(service, unmapped);
  if (found.length === 0) {
    const inferred = inferPort(project, serviceName, service);
    if (inferred) {
      warnings.push(
        `no ports in compose; port ${inferred.port} comes from ${inferred.source}; check it`,
      );
      found.push({ target: inferred.port, protocol: 'TCP' });
    } else {
      warnings.push(
        'no ports in compose and none could be inferred: drafted as a workload without ports (no Service, no ingress); add the port if something connects to it',
      );
    }
  }
  const taken = new Set<string>();
  return found.map(p => ({ ...p, name: portName(p, taken) }));
}

/** Port of a service that publishes none: from its healthcheck URL, URLs other services use, or its image. */
function inferPort(
  project: NormalizedCompose,
  serviceName: string,
  service: NormalizedService,
): { port: number; source: string } | undefined {
  const test = (service.healthcheck?.test ?? []).join(' ');
  const own = /\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d+)/.exec(test);
  if (own) return { port: Number(own[1]), source: 'its healthcheck URL' };
  for (const [other, body] of Object.entries(project.services)) {
    if (other === serviceName) continue;
    const port = urlPortsTo(body, serviceName)[0];
    if (port) return { port, source: `the URLs the service "${other}" uses` };
  }
  const known = wellKnownPort(service.image);
  return known
    ? { port: known, source: 'the usual port of its image' }
    : undefined;
}

/** Ports of `http://<target>:<port>` style addresses in a service's environment values. */
export function urlPortsTo(
  service: NormalizedService,
  target: string,
): number[] {
  const pattern = new RegExp(
    `//(?:[^@/"\\s]*@)?${escapeRegExp(target)}:(\\d+)`,
    'g',
  );
  return Object.values(service.environment ?? {}).flatMap(value =>
    value === null ? [] : [...value.matchAll(pattern)].map(m => Number(m[1])),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first port a service publishes or exposes, else the inferred one. */
export function firstPort(
  project: NormalizedCompose,
  name: string,
  service: NormalizedService,
): number | undefined {
  return (
    declaredPorts(service)[0]?.target ?? inferPort(project, name, service)?.port
  );
}
