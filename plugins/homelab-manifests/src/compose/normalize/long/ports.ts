import type { LongPort } from '../types';

/**
 * `ports:` entries in long form, as compose prints them: "[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]"
 * with ranges expanded into one entry per container port ("9090-9091:8080-8081" pairs them,
 * "8000-9000:80" keeps the published range). Throws a sentence naming the entry when it is
 * not a port.
 */
export function longPorts(entries: unknown[]): LongPort[] {
  return entries.flatMap(entry => {
    if (typeof entry === 'number') return shortPort(String(entry));
    if (typeof entry === 'string') return shortPort(entry);
    const long = entry as Record<string, unknown>;
    const target = Number(long.target);
    if (!Number.isInteger(target)) {
      throw new Error(
        `has target "${String(long.target)}", which is not a port number`,
      );
    }
    const port: LongPort = {
      mode: String(long.mode ?? 'ingress'),
      target,
      protocol: String(long.protocol ?? 'tcp').toLowerCase(),
    };
    if (long.name !== undefined) port.name = String(long.name);
    if (long.host_ip !== undefined) port.host_ip = String(long.host_ip);
    if (long.published !== undefined && long.published !== '')
      port.published = String(long.published);
    if (long.app_protocol !== undefined)
      port.app_protocol = String(long.app_protocol);
    return [sorted(port)];
  });
}

function shortPort(text: string): LongPort[] {
  const slash = text.lastIndexOf('/');
  const protocol = (slash >= 0 ? text.slice(slash + 1) : 'tcp').toLowerCase();
  const spec = slash >= 0 ? text.slice(0, slash) : text;
  const colon = spec.lastIndexOf(':');
  const container = spec.slice(colon + 1);
  let hostIp: string | undefined;
  let published: string | undefined;
  if (colon >= 0) {
    const host = spec.slice(0, colon);
    const hostColon = host.lastIndexOf(':');
    if (hostColon >= 0) {
      hostIp = host.slice(0, hostColon).replace(/^\[(.*)\]$/, '$1');
      published = host.slice(hostColon + 1);
    } else published = host;
    if (published === '') published = undefined;
  }
  const targets = range(container, text);
  const publishedRange =
    published === undefined ? undefined : range(published, text);
  if (
    publishedRange &&
    publishedRange.length > 1 &&
    publishedRange.length !== targets.length &&
    targets.length > 1
  ) {
    throw new Error(
      `"${text}" maps ${publishedRange.length} published ports onto ${targets.length} container ports`,
    );
  }
  return targets.map((target, i) => {
    const port: LongPort = { mode: 'ingress', target, protocol };
    if (hostIp) port.host_ip = hostIp;
    if (published !== undefined) {
      port.published =
        targets.length > 1 && publishedRange!.length > 1
          ? String(publishedRange![i])
          : published;
    }
    return sorted(port);
  });
}

function range(text: string, whole: string): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match)
    throw new Error(
      `"${whole}" is not [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`,
    );
  const start = Number(match[1]);
  const end = Number(match[2] ?? match[1]);
  if (end < start || end - start > 1000)
    throw new Error(
      `"${whole}" has the port range ${text}, which runs backwards or spans over 1000 ports`,
    );
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/** Keys in the order compose prints them, so equal ports serialize equally. */
function sorted(port: LongPort): LongPort {
  const order = [
    'name',
    'mode',
    'host_ip',
    'target',
    'published',
    'protocol',
    'app_protocol',
  ] as const;
  const result: Record<string, unknown> = {};
  for (const key of order) if (port[key] !== undefined) result[key] = port[key];
  return result as unknown as LongPort;
}
