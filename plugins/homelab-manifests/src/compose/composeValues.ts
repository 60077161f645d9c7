/** Converters for the small value formats of Docker Compose files. */

export interface PortEntry {
  target: number;
  protocol: 'TCP' | 'UDP';
}

/** "8080:3000", "127.0.0.1:8080:3000/udp", 3000 or { target, published, protocol }. */
export function parsePort(entry: unknown): PortEntry | { problem: string } {
  if (typeof entry === 'number') return checkPort(String(entry), 'tcp');
  if (typeof entry === 'string') {
    const [spec, proto = 'tcp'] = entry.split('/');
    const container = spec.slice(spec.lastIndexOf(':') + 1);
    return checkPort(container, proto);
  }
  if (entry && typeof entry === 'object') {
    const long = entry as Record<string, unknown>;
    return checkPort(String(long.target ?? ''), String(long.protocol ?? 'tcp'));
  }
  return { problem: 'is neither a port string nor a long-syntax port' };
}

function checkPort(
  value: string,
  proto: string,
): PortEntry | { problem: string } {
  if (/^\d+-\d+$/.test(value)) {
    return {
      problem: `is a port range (${value}); list each port the service listens on`,
    };
  }
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    return {
      problem: `has container port "${value}", which is not a number from 1 to 65535`,
    };
  }
  const protocol = proto.toLowerCase() === 'udp' ? 'UDP' : 'TCP';
  if (proto.toLowerCase() !== 'udp' && proto.toLowerCase() !== 'tcp') {
    return {
      problem: `uses protocol "${proto}"; only tcp and udp exist in Kubernetes Services`,
    };
  }
  return { target: port, protocol };
}

export interface VolumeEntry {
  kind: 'named' | 'bind' | 'anonymous' | 'tmpfs';
  source?: string;
  target: string;
  readOnly: boolean;
}

/** Short ("data:/data:ro", "./conf:/conf", "/data") or long syntax. */
export function parseVolume(entry: unknown): VolumeEntry | { problem: string } {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    if (parts.length === 1)
      return { kind: 'anonymous', target: parts[0], readOnly: false };
    const [source, target, mode = ''] = parts;
    return {
      kind: isHostPath(source) ? 'bind' : 'named',
      source,
      target,
      readOnly: mode.split(',').includes('ro'),
    };
  }
  if (entry && typeof entry === 'object') {
    const long = entry as Record<string, unknown>;
    const target = typeof long.target === 'string' ? long.target : '';
    if (!target) return { problem: 'has no target path' };
    const source = typeof long.source === 'string' ? long.source : undefined;
    const type = String(
      long.type ?? (source && isHostPath(source) ? 'bind' : 'volume'),
    );
    const readOnly = long.read_only === true;
    if (type === 'tmpfs') return { kind: 'tmpfs', target, readOnly };
    if (type === 'bind') return { kind: 'bind', source, target, readOnly };
    if (type === 'volume')
      return { kind: source ? 'named' : 'anonymous', source, target, readOnly };
    return {
      problem: `has type "${type}", which has no Kubernetes volume equivalent here`,
    };
  }
  return { problem: 'is neither a volume string nor a long-syntax volume' };
}

function isHostPath(source: string): boolean {
  return /^(\/|\.|~)/.test(source);
}

/** Compose memory ("512M", "1g", "1.5gb", bytes as a number) -> Kubernetes quantity. */
export function composeMemory(value: unknown): string | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i.exec(String(value).trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor: Record<string, number> = {
    b: 1,
    k: 2 ** 10,
    m: 2 ** 20,
    g: 2 ** 30,
  };
  const bytes = Number(match[1]) * factor[unit];
  if (bytes <= 0) return undefined;
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
  if (!image) return undefined;
  const repo = image.split('@')[0].split('/').pop()!.split(':')[0];
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
