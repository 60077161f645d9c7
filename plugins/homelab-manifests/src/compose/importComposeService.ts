import type { ServiceSpecInput } from '../spec/serviceSpec';
import { parseImage } from '../util/values';
import {
  ComposeFile,
  ComposeService,
  findService,
  isMapping,
  parseComposeFile,
} from './composeFile';
import {
  composeCpus,
  composeMemory,
  parsePort,
  PortEntry,
  portName,
  toDnsLabel,
  wellKnownPort,
} from './composeValues';
import { mapEnvironment } from './environment';
import { mapHealthcheck } from './healthcheck';
import { mapVolumes } from './volumes';
import { DEFAULT_UNMAPPED_REASON, UNMAPPED_REASONS } from './unmappedReasons';

export interface ComposeImportOptions {
  /** Namespace of the draft; without it the spec is left incomplete on purpose. */
  namespace?: string;
  owner?: string;
  /** Size of each volume; compose has no sizes. Default 1Gi. */
  storageSize?: string;
}

export interface UnmappedKey {
  key: string;
  reason: string;
}

export interface ComposeImport {
  /** A draft for serviceSpecSchema; check it with parseServiceSpec before rendering. */
  spec: ServiceSpecInput;
  unmapped: UnmappedKey[];
  /** Names of variables moved to secretEnv; their values are not kept anywhere. */
  secretKeys: string[];
  warnings: string[];
}

/** Written where a value must come from a person: it fails validation until replaced. */
export const IMAGE_TAG_PLACEHOLDER = '<pin-a-version>';

const HANDLED = new Set([
  'image',
  'ports',
  'expose',
  'environment',
  'volumes',
  'healthcheck',
  'depends_on',
  'deploy',
  'mem_limit',
  'mem_reservation',
  'cpus',
  'user',
]);

/**
 * Drafts a service spec from one service of a Docker Compose file. Throws when the text is
 * not a compose file or the service does not exist; everything else becomes warnings and
 * `unmapped` entries so nothing is dropped silently.
 */
export function importComposeService(
  composeYaml: string,
  serviceName: string,
  options: ComposeImportOptions = {},
): ComposeImport {
  const file = parseComposeFile(composeYaml);
  const service = findService(file, serviceName);
  const namespace = options.namespace ?? '';
  const warnings: string[] = [];
  const unmapped: UnmappedKey[] = [];

  const name = toDnsLabel(serviceName);
  if (name !== serviceName) {
    warnings.push(
      `service name "${serviceName}" became "${name}" to be a valid Kubernetes name`,
    );
  }
  if (!options.namespace)
    warnings.push('no namespace given; fill in namespace.name');

  const env = mapEnvironment(service.environment);
  warnings.push(...env.warnings);
  env.problems.forEach(reason => unmapped.push({ key: 'environment', reason }));

  const ports = mapPorts(file, serviceName, service, unmapped, warnings);
  const storage = mapVolumes(
    service.volumes,
    name,
    options.storageSize ?? '1Gi',
  );
  warnings.push(...storage.warnings);
  unmapped.push(...storage.unmapped);
  const health = mapHealthcheck(service.healthcheck, ports);
  warnings.push(...health.warnings);
  unmapped.push(...health.unmapped);

  const spec: ServiceSpecInput = {
    name,
    owner: options.owner ?? 'group:default/homelab-admins',
    description: `Imported from the compose service "${serviceName}"`,
    namespace: { name: namespace, create: false, podSecurity: 'restricted' },
    image: mapImage(service, warnings),
    ports: ports.map(p => ({
      name: p.name,
      port: p.target,
      protocol: p.protocol,
    })),
    env: env.env,
    secretEnv: env.secretEnv,
    storage: storage.storage,
    resources: mapResources(service, warnings, unmapped),
    egress: mapEgress(file, serviceName, service, namespace, unmapped),
  };
  if (health.probe) spec.probes = health.probe;
  mapUser(service, spec, warnings, unmapped);
  const replicas = isMapping(service.deploy)
    ? service.deploy.replicas
    : undefined;
  if (typeof replicas === 'number') spec.replicas = replicas;

  for (const key of Object.keys(service)) {
    if (HANDLED.has(key) || key.startsWith('x-')) continue;
    if (key === 'privileged' && service.privileged !== true) continue;
    unmapped.push({
      key,
      reason: UNMAPPED_REASONS[key] ?? DEFAULT_UNMAPPED_REASON,
    });
  }
  return { spec, unmapped, secretKeys: [...env.secretEnv], warnings };
}

function mapImage(service: ComposeService, warnings: string[]): string {
  if (typeof service.image !== 'string' || service.image === '') {
    warnings.push(
      `no image (build-only service); set image to a pushed image with a pinned tag`,
    );
    return `registry.example/replace-me:${IMAGE_TAG_PLACEHOLDER}`;
  }
  const ref = parseImage(service.image);
  if (
    ref.digest === undefined &&
    (ref.tag === undefined || ref.tag === 'latest')
  ) {
    warnings.push(
      `image "${service.image}" floats (${
        ref.tag ?? 'no tag'
      }); replace ${IMAGE_TAG_PLACEHOLDER} with the version running today`,
    );
    return `${ref.repository}:${IMAGE_TAG_PLACEHOLDER}`;
  }
  return service.image;
}

type NamedPort = PortEntry & { name: string };

function mapPorts(
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
function urlPortsTo(service: ComposeService, target: string): number[] {
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

function mapEgress(
  file: ComposeFile,
  serviceName: string,
  service: ComposeService,
  namespace: string,
  unmapped: UnmappedKey[],
): NonNullable<ServiceSpecInput['egress']> {
  const deps = Array.isArray(service.depends_on)
    ? service.depends_on.map(String)
    : Object.keys(isMapping(service.depends_on) ? service.depends_on : {});
  const referenced = Object.keys(file.services).filter(
    other => other !== serviceName && urlPortsTo(service, other).length > 0,
  );
  const egress: NonNullable<ServiceSpecInput['egress']> = [];
  for (const dep of [...new Set([...deps, ...referenced])]) {
    const target = file.services[dep];
    if (!target) {
      unmapped.push({
        key: `depends_on.${dep}`,
        reason: `"${dep}" is not a service of this file`,
      });
      continue;
    }
    const port = urlPortsTo(service, dep)[0] ?? firstPort(file, dep, target);
    if (port === undefined) {
      unmapped.push({
        key: `depends_on.${dep}`,
        reason: `no port known for "${dep}"; add an egress entry with the port it listens on`,
      });
      continue;
    }
    egress.push({ namespace, app: toDnsLabel(dep), port, protocol: 'TCP' });
  }
  return egress;
}

function firstPort(
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

function mapResources(
  service: ComposeService,
  warnings: string[],
  unmapped: UnmappedKey[],
): ServiceSpecInput['resources'] {
  const deploy = isMapping(service.deploy) ? service.deploy : {};
  const res = isMapping(deploy.resources) ? deploy.resources : {};
  const limits = isMapping(res.limits) ? res.limits : {};
  const reservations = isMapping(res.reservations) ? res.reservations : {};
  for (const key of Object.keys(deploy)) {
    if (key !== 'resources' && key !== 'replicas') {
      unmapped.push({
        key: `deploy.${key}`,
        reason:
          'Swarm deployment settings have no equivalent in the service spec',
      });
    }
  }
  const limitMemory = composeMemory(limits.memory ?? service.mem_limit ?? '');
  const limitCpu = composeCpus(limits.cpus ?? service.cpus);
  const requestMemory = composeMemory(
    reservations.memory ?? service.mem_reservation ?? '',
  );
  const requestCpu = composeCpus(reservations.cpus);
  if (!limitMemory) {
    warnings.push(
      'no memory limit in compose; the draft uses 512Mi, measure the service and adjust',
    );
  }
  const resources: ServiceSpecInput['resources'] = {
    requests: {
      cpu: requestCpu ?? smaller('100m', limitCpu),
      memory: requestMemory ?? smaller('128Mi', limitMemory),
    },
    limits: { memory: limitMemory ?? '512Mi' },
  };
  if (limitCpu) resources.limits.cpu = limitCpu;
  return resources;
}

/** The default request, unless the limit is below it. Only compares units the converters emit. */
function smaller(request: string, limit: string | undefined): string {
  if (!limit) return request;
  const value = (q: string) => {
    const m = /^([\d.]+)(m|Mi|Gi)?$/.exec(q);
    if (!m) return Infinity;
    const factor = { m: 1e-3, Mi: 2 ** 20, Gi: 2 ** 30 }[m[2] ?? ''] ?? 1;
    return Number(m[1]) * factor;
  };
  return value(limit) < value(request) ? limit : request;
}

function mapUser(
  service: ComposeService,
  spec: ServiceSpecInput,
  warnings: string[],
  unmapped: UnmappedKey[],
) {
  if (service.user === undefined) {
    warnings.push(
      'compose sets no user; check the image runs as non-root (Pod Security restricted requires it) or set namespace.podSecurity to baseline',
    );
    return;
  }
  const user = String(service.user).split(':')[0];
  if (!/^\d+$/.test(user)) {
    if (user === 'root') spec.runAsUser = 0;
    else {
      unmapped.push({
        key: 'user',
        reason: `"${user}" is a name resolved inside the image; Kubernetes needs the numeric uid (id -u ${user} in the image)`,
      });
      return;
    }
  } else spec.runAsUser = Number(user);
  if (spec.runAsUser === 0) {
    spec.namespace.podSecurity = 'baseline';
    warnings.push(
      'the service runs as root; the draft uses Pod Security baseline: prefer an image that runs as non-root',
    );
  }
}
