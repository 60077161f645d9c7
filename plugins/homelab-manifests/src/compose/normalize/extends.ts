import type { LongPort, NormalizedService, ServiceNote } from './types';

/** Keys of a base that tie it to other services; the specification keeps them out of extends. */
const NOT_INHERITED = ['depends_on', 'links', 'volumes_from'];
const MERGED_MAPPINGS = [
  'environment',
  'labels',
  'networks',
  'sysctls',
  'ulimits',
  'extra_hosts',
  'annotations',
  'healthcheck',
  'logging',
  'build',
  'deploy',
];
const MERGED_LISTS: Record<string, (item: any) => string> = {
  ports: (p: LongPort) =>
    `${p.host_ip ?? ''}:${p.published ?? ''}:${p.target}/${p.protocol}`,
  volumes: (v: { target: string }) => v.target,
  secrets: (s: { target: string }) => s.target,
  configs: (c: { target: string }) => c.target,
  env_file: (f: { path: string }) => f.path,
  expose: String,
  cap_add: String,
  cap_drop: String,
  devices: String,
  dns: String,
  dns_search: String,
  tmpfs: String,
  security_opt: String,
  external_links: String,
  group_add: String,
};

export type ServiceResolver = (
  reference: { service: string; file?: string },
  from: string,
) => NormalizedService | undefined;

/**
 * Resolves `extends` of every service (chains included) with the specification's merge
 * rules: mappings merge key by key with the local value winning, lists of unique
 * resources (ports, volumes by target, secrets...) are joined, anything else is replaced.
 */
export function resolveExtends(
  services: Record<string, NormalizedService>,
  resolveFile: ServiceResolver,
  notes: ServiceNote[],
): Record<string, NormalizedService> {
  const done: Record<string, NormalizedService> = {};
  const visit = (
    name: string,
    chain: string[],
  ): NormalizedService | undefined => {
    if (done[name]) return done[name];
    const service = services[name];
    if (!service) return undefined;
    const ext = service.extends as
      | string
      | { service: string; file?: string }
      | undefined;
    const { extends: _ignored, ...own } = service;
    if (ext === undefined) return (done[name] = own);
    const reference = typeof ext === 'string' ? { service: ext } : ext;
    let base: NormalizedService | undefined;
    if (reference.file !== undefined) {
      base = resolveFile(reference, name);
      if (!base)
        notes.push({
          service: name,
          key: 'extends',
          reason: `service "${reference.service}" of ${reference.file} could not be read; only the service's own keys were imported (the CLI reads the file beside the compose file, the portal cannot)`,
        });
    } else if (chain.includes(reference.service)) {
      throw new Error(
        `service "${name}": extends forms a loop (${[
          ...chain,
          name,
          reference.service,
        ].join(' -> ')}); remove one of them`,
      );
    } else {
      base = visit(reference.service, [...chain, name]);
      if (!base)
        throw new Error(
          `service "${name}": extends names the service "${reference.service}", which is not in the file`,
        );
    }
    return (done[name] = base ? merge(base, own, name, notes) : own);
  };
  for (const name of Object.keys(services)) visit(name, []);
  return done;
}

function merge(
  base: NormalizedService,
  local: NormalizedService,
  name: string,
  notes: ServiceNote[],
): NormalizedService {
  const result: NormalizedService = {};
  for (const [key, value] of Object.entries(base)) {
    if (NOT_INHERITED.includes(key)) {
      notes.push({
        service: name,
        key: `extends.${key}`,
        reason: `the base's ${key} is not inherited: the compose specification keeps dependencies out of extends`,
      });
      continue;
    }
    result[key] = value;
  }
  for (const [key, value] of Object.entries(local)) {
    const inherited = result[key];
    if (inherited === undefined) result[key] = value;
    else if (
      MERGED_MAPPINGS.includes(key) &&
      isObject(inherited) &&
      isObject(value)
    )
      result[key] =
        key === 'deploy' || key === 'build' || key === 'logging'
          ? deepMerge(inherited, value)
          : { ...inherited, ...value };
    else if (
      MERGED_LISTS[key] &&
      Array.isArray(inherited) &&
      Array.isArray(value)
    ) {
      const identity = MERGED_LISTS[key];
      const locals = new Set(value.map(identity));
      result[key] = [
        ...inherited.filter(item => !locals.has(identity(item))),
        ...value,
      ];
    } else result[key] = value;
  }
  return result;
}

function deepMerge(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const result = { ...a };
  for (const [key, value] of Object.entries(b)) {
    result[key] =
      isObject(result[key]) && isObject(value)
        ? deepMerge(result[key] as any, value)
        : value;
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
