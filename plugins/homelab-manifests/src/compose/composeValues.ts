import { parseImageReference } from '../util/imageReference';
import { composeBytes } from './normalize/units';

/** Converters for the small value formats of Docker Compose files. */

export interface PortEntry {
  target: number;
  protocol: 'TCP' | 'UDP';
}

/** A long-form port (or an `expose:` entry) as a container port; ranges were expanded by normalization. */
export function portOf(port: {
  target: number;
  protocol: string;
}): PortEntry | { problem: string } {
  if (port.target < 1 || port.target > 65535) {
    return {
      problem: `has container port "${port.target}", which is not a number from 1 to 65535`,
    };
  }
  const proto = port.protocol.toLowerCase();
  if (proto !== 'udp' && proto !== 'tcp') {
    return {
      problem: `uses protocol "${port.protocol}"; only tcp and udp exist in Kubernetes Services`,
    };
  }
  return { target: port.target, protocol: proto === 'udp' ? 'UDP' : 'TCP' };
}

/** `expose:` entries ("3003", "3003/udp", "3000-3005") as long-form targets. */
export function exposedPorts(
  expose: string[],
): Array<{ target: number; protocol: string } | { problem: string }> {
  return expose.flatMap(
    (
      entry,
    ): Array<{ target: number; protocol: string } | { problem: string }> => {
      const match = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(entry.trim());
      if (!match)
        return [{ problem: `"${entry}" is not PORT[-PORT][/PROTOCOL]` }];
      const start = Number(match[1]);
      const end = Number(match[2] ?? match[1]);
      if (end < start || end - start > 1000)
        return [{ problem: `"${entry}" is not a usable port range` }];
      return Array.from({ length: end - start + 1 }, (_, i) => ({
        target: start + i,
        protocol: match[3] ?? 'tcp',
      }));
    },
  );
}

/** Compose memory (bytes after normalization, or "512M", "1g") -> Kubernetes quantity. */
export function composeMemory(value: unknown): string | undefined {
  const bytes = composeBytes(value);
  if (bytes === undefined || bytes <= 0) return undefined;
  if (bytes % 2 ** 30 === 0) return `${bytes / 2 ** 30}Gi`;
  return `${Math.ceil(bytes / 2 ** 20)}Mi`;
}

/** Compose cpus ("1.5", 0.25) -> Kubernetes quantity ("1500m", "250m", "2"). */
export function composeCpus(value: unknown): string | undefined {
  const cpus = Number(value);
  if (!Number.isFinite(cpus) || cpus <= 0) return undefined;
  const milli = Math.round(cpus * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** A compose service name turned into a DNS-1123 label. */
export function toDnsLabel(value: string, maxLength = 63): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

const WELL_KNOWN_PORTS: Array<[RegExp, number, string]> = [
  [/postgres|postgis|pgvecto/, 5432, 'postgres'],
  [/redis|valkey|keydb/, 6379, 'redis'],
  [/mariadb|mysql/, 3306, 'mysql'],
  [/mongo/, 27017, 'mongo'],
  [/meilisearch/, 7700, 'http'],
  [/memcached/, 11211, 'memcache'],
  [/rabbitmq/, 5672, 'amqp'],
  [/ollama/, 11434, 'http'],
];

/** The usual port of well-known images, from the repository's last path segment. */
export function wellKnownPort(image: string | undefined): number | undefined {
  const parsed = image ? parseImageReference(image) : undefined;
  if (!parsed?.ok) return undefined;
  const repo = parsed.reference.path.split('/').pop()!;
  return WELL_KNOWN_PORTS.find(([pattern]) => pattern.test(repo))?.[1];
}

/** A port name: protocol names for well-known database ports, "http" for the first other TCP port. */
export function portName(port: PortEntry, taken: Set<string>): string {
  const known = WELL_KNOWN_PORTS.find(
    ([, p, name]) => p === port.target && name !== 'http',
  );
  const candidates =
    port.protocol === 'UDP'
      ? [`udp-${port.target}`]
      : [known?.[2] ?? 'http', `tcp-${port.target}`];
  const name =
    candidates.find(c => !taken.has(c)) ?? `p${taken.size}-${port.target}`;
  taken.add(name);
  return name;
}
