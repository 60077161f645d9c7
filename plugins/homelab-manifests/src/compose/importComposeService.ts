import type { ServiceSpecInput } from '../spec/serviceSpec';
import { parseImage } from '../util/values';
import {
  ComposeFile,
  ComposeService,
  findService,
  isMapping,
  parseComposeFile,
} from './composeFile';
import { toDnsLabel } from './composeValues';
import { mapEgress } from './egress';
import { mapEnvironment } from './environment';
import { mapHealthcheck } from './healthcheck';
import { mapPorts } from './ports';
import { mapResources } from './resources';
import { mapUser } from './user';
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
  compose: string | ComposeFile,
  serviceName: string,
  options: ComposeImportOptions = {},
): ComposeImport {
  const file =
    typeof compose === 'string' ? parseComposeFile(compose) : compose;
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
