import { longPorts } from './long/ports';
import { longVolumes } from './long/volumes';
import { listOrDict, longNetworks, stringList } from './long/mappings';
import {
  longCommand,
  longDependsOn,
  longEnvFiles,
  longFileReferences,
  longHealthcheck,
} from './long/services';
import { composeBytes } from './units';
import type { NormalizedService, ServiceNote } from './types';

const STRING_LISTS = [
  'cap_add',
  'cap_drop',
  'devices',
  'dns',
  'dns_search',
  'tmpfs',
  'profiles',
  'links',
  'external_links',
  'security_opt',
  'volumes_from',
];
const BYTES = ['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size'];

/**
 * One service's short syntax turned into the long form `docker compose config` prints.
 * An entry that cannot be read becomes a note naming it and is left out; the rest of the
 * service is still normalized.
 */
export function normalizeService(
  name: string,
  raw: Record<string, unknown>,
  notes: ServiceNote[],
): NormalizedService {
  const service: NormalizedService = {};
  const note = (key: string, reason: string) =>
    notes.push({ service: name, key, reason });
  /** A list read entry by entry, so one bad entry is noted and the others kept. */
  const eachEntry = <T>(
    key: string,
    value: unknown,
    read: (entries: unknown[]) => T[],
  ): T[] =>
    (value as unknown[]).flatMap((entry, i) => {
      try {
        return read([entry]);
      } catch (error) {
        note(`${key}[${i}]`, (error as Error).message);
        return [];
      }
    });
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    switch (key) {
      case 'ports':
        service.ports = withoutRepeats(eachEntry(key, value, longPorts), () =>
          note(
            key,
            'overlapping entries publish the same port twice; each mapping is kept once',
          ),
        );
        break;
      case 'expose':
        service.expose = (value as unknown[]).map(String);
        break;
      case 'volumes':
        service.volumes = eachEntry(key, value, longVolumes);
        break;
      case 'environment':
        service.environment = listOrDict(value);
        break;
      case 'labels':
        service.labels = listOrDict(value, false) as Record<string, string>;
        break;
      case 'env_file':
        service.env_file = longEnvFiles(value);
        break;
      case 'depends_on':
        service.depends_on = longDependsOn(value);
        break;
      case 'healthcheck':
        service.healthcheck = longHealthcheck(value as Record<string, unknown>);
        break;
      case 'secrets':
      case 'configs':
        service[key] = longFileReferences(value as unknown[], key);
        break;
      case 'networks':
        service.networks = longNetworks(value);
        break;
      case 'command':
      case 'entrypoint':
        if (value === null) break;
        try {
          service[key] = longCommand(value);
        } catch (error) {
          note(key, (error as Error).message);
        }
        break;
      case 'cpus':
        service.cpus = Number(value);
        break;
      case 'user':
      case 'restart':
      case 'network_mode':
      case 'image':
        service[key] = String(value);
        break;
      case 'deploy':
        service.deploy = normalizeDeploy(value as Record<string, unknown>);
        break;
      default:
        if (STRING_LISTS.includes(key)) service[key] = stringList(value);
        else if (BYTES.includes(key))
          service[key] = composeBytes(value) ?? value;
        else service[key] = value;
    }
  }
  return service;
}

/** deploy.resources memory in bytes and cpus as numbers, as compose prints them. */
function normalizeDeploy(
  deploy: Record<string, unknown>,
): Record<string, unknown> {
  const result = { ...deploy };
  const resources = deploy.resources as
    | Record<string, Record<string, unknown>>
    | undefined;
  if (resources && typeof resources === 'object') {
    const copy: Record<string, unknown> = { ...resources };
    for (const side of ['limits', 'reservations']) {
      const set = resources[side];
      if (!set || typeof set !== 'object') continue;
      const out: Record<string, unknown> = { ...set };
      if (set.memory !== undefined)
        out.memory = composeBytes(set.memory) ?? set.memory;
      if (set.cpus !== undefined) out.cpus = Number(set.cpus);
      copy[side] = out;
    }
    result.resources = copy;
  }
  return result;
}

/**
 * The entries in order without exact repeats (ranges such as "1000-1002" and "1001-1003"
 * expand to the same mapping twice, which the specification's uniqueItems refuses in the
 * long form); `onRepeat` is told once when any was dropped.
 */
function withoutRepeats<T>(entries: T[], onRepeat: () => void): T[] {
  const seen = new Set<string>();
  const kept = entries.filter(entry => {
    const key = JSON.stringify(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (kept.length < entries.length) onRepeat();
  return kept;
}
