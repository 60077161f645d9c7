import type { UnmappedKey } from './importComposeService';
import { ComposeFile, ComposeService, isMapping } from './composeFile';
import { parsePort, PortEntry, portName, wellKnownPort } from './composeValues';

type NamedPort = PortEntry & { name: string };

/** Ports from `ports:` and `expose:`, deduplicated and named; inferred when compose has none. */
export function mapPorts(
  file: ComposeFile,
  serviceName: string,
  service: ComposeService,
  unmapped: UnmappedKey[],
  warnings: string[],
): NamedPort[] {
  const found: PortEntry[] = [];
  for (const key of ['ports', 'expose'] as const) {
    const list = service[key];
    if (list === undefined) continue;
    (Array.isArray(list) ? list : [list]).forEach((entry, i) => {
      const port = parsePort(entry);
      if ('problem' in port)
        unmapped.push({ key: `${key}[${i}]`, reason: port.problem });
      else if (
        !found.some(
          p => p.target === port.target && p.protocol === port.protocol,
        )
      )
        found.push(port);
    });
  }
  if (found.length === 0) {
    const inferred = inferPort(file, serviceName, service);
    if (inferred) {
      warnings.push(
        `no ports in compose; port ${inferred.port} comes from ${inferred.source}; check it`,
      );
      found.push({ target: inferred.port, protocol: 'TCP' });
    } else {
      warnings.push(
        'no ports in compose and none could be inferred; add the port the service listens on',
      );
    }
  }
  const taken = new Set<string>();
  return found.map(p => ({ ...p, name: portName(p, taken) }));
}

/** Port of a service that publishes none: from its healthcheck URL, URLs other services use, or its image. */
function inferPort(
  file: ComposeFile,
  serviceName: string,
  service: ComposeService,
): { port: number; source: string } | undefined {
  const test = isMapping(service.healthcheck)
    ? JSON.stringify(service.healthcheck.test ?? '')
    : '';
  const own = /\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d+)/.exec(test);
  if (own) return { port: Number(own[1]), source: 'its healthcheck URL' };
  for (const [other, body] of Object.entries(file.services)) {
    if (other === serviceName) continue;
    const port = urlPortsTo(body, serviceName)[0];
    if (port) return { port, source: `the URLs the service "${other}" uses` };
  }
  const known = wellKnownPort(
    typeof service.image === 'string' ? service.image : undefined,
  );
  return known
    ? { port: known, source: 'the usual port of its image' }
    : undefined;
}

/** Ports of `http://<target>:<port>` style addresses in a service's environment. */
export function urlPortsTo(service: ComposeService, target: string): number[] {
  const text = JSON.stringify(service.environment ?? '');
  const pattern = new RegExp(
    `//(?:[^@/"\\s]*@)?${escapeRegExp(target)}:(\\d+)`,
    'g',
  );
  return [...text.matchAll(pattern)].map(m => Number(m[1]));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first port a service publishes or exposes, else the inferred one. */
export function firstPort(
  file: ComposeFile,
  name: string,
  service: ComposeService,
): number | undefined {
  for (const key of ['ports', 'expose'] as const) {
    const list = service[key];
    for (const entry of Array.isArray(list) ? list : []) {
      const port = parsePort(entry);
      if (!('problem' in port)) return port.target;
    }
  }
  return inferPort(file, name, service)?.port;
}
