import type { ServiceSpecInput } from '../spec/serviceSpec';
import { parseImageReference } from '../util/imageReference';
import { toDnsLabel } from './composeValues';
import { dependencyNotes } from './dependencyNotes';
import { mapEgress } from './egress';
import { mapEnvironment } from './environment';
import { mapHealthcheck } from './healthcheck';
import {
  normalizeCompose,
  type ComposeSources,
  type NormalizedService,
  type NormalizeResult,
} from './normalize';
import { podSecurityNeeds } from './podSecurityNeeds';
import { mapPorts } from './ports';
import { mapResources } from './resources';
import {
  describeMissing,
  missingFor,
  substitutionNotes,
} from './substitutionNotes';
import { mapUser } from './user';
import { mapVolumes } from './volumes';
import { DEFAULT_UNMAPPED_REASON, UNMAPPED_REASONS } from './unmappedReasons';

export interface ComposeImportOptions {
  /** Namespace of the draft; without it the spec is left incomplete on purpose. */
  namespace?: string;
  owner?: string;
  /** Size of each volume; compose has no sizes. Default 1Gi. */
  storageSize?: string;
  /** .env text, env_file / extends files and (only when asked) the process environment. */
  sources?: ComposeSources;
  /** Active compose profiles ("*" for all). */
  profiles?: string[] | '*';
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

/** Thrown when a service needs a variable that has no value: a person decides it. */
/** The catalog owner of a draft when none is given. */
export const DEFAULT_OWNER = 'group:default/homelab-admins';

export class RequiredVariableError extends Error {}

/** Written where a value must come from a person: it fails validation until replaced. */
export const IMAGE_TAG_PLACEHOLDER = '<pin-a-version>';

const HANDLED = new Set([
  'image',
  'ports',
  'expose',
  'environment',
  'env_file',
  'volumes',
  'healthcheck',
  'depends_on',
  'links',
  'deploy',
  'mem_limit',
  'mem_reservation',
  'cpus',
  'user',
  'profiles',
]);

/**
 * Drafts a service spec from one service of a Docker Compose file, read through the one
 * normalization stage (interpolation, schema, profiles, extends, long form). Throws when
 * the text is not a compose file, the service does not exist or needs a required variable
 * that is unset; everything else becomes warnings and `unmapped` entries so nothing is
 * dropped silently.
 */
export function importComposeService(
  compose: string | NormalizeResult,
  serviceName: string,
  options: ComposeImportOptions = {},
): ComposeImport {
  const project =
    typeof compose === 'string'
      ? normalizeCompose(compose, {
          ...options.sources,
          profiles: options.profiles,
          include: [serviceName],
        })
      : compose;
  const service = findService(project, serviceName);
  const missing = missingFor(project, serviceName);
  if (missing.length > 0)
    throw new RequiredVariableError(
      `service "${serviceName}": ${describeMissing(missing)}`,
    );
  const namespace = options.namespace ?? '';
  const warnings: string[] = [];
  const unmapped: UnmappedKey[] = project.notes
    .filter(n => n.service === serviceName)
    .map(({ key, reason }) => ({ key, reason }));

  const name = toDnsLabel(serviceName);
  if (name !== serviceName) {
    warnings.push(
      `service name "${serviceName}" became "${name}" to be a valid Kubernetes name`,
    );
  }
  if (!options.namespace)
    warnings.push('no namespace given; fill in namespace.name');
  warnings.push(...substitutionNotes(project, serviceName));
  warnings.push(...dependencyNotes(service));
  warnings.push(
    ...project.warnings.filter(w => w.includes(`services.${serviceName}.`)),
  );

  const env = mapEnvironment(
    service.environment,
    project.sensitive[serviceName],
  );
  warnings.push(...env.warnings);
  env.problems.forEach(reason => unmapped.push({ key: 'environment', reason }));

  const files = project.compose;
  const ports = mapPorts(files, serviceName, service, unmapped, warnings);
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
    owner: options.owner ?? DEFAULT_OWNER,
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
    egress: mapEgress(files, serviceName, service, namespace, unmapped),
  };
  if (health.probe) spec.probes = health.probe;
  // An HTTP healthcheck is what the portal's cutover check asks for too.
  if (health.probe?.type === 'http')
    spec.portalProbe = {
      port: String(health.probe.port),
      path: health.probe.path ?? '/',
    };
  mapUser(service, spec, warnings, unmapped);
  const replicas = (service.deploy as { replicas?: unknown } | undefined)
    ?.replicas;
  if (typeof replicas === 'number') spec.replicas = replicas;

  const hostAccess = podSecurityNeeds(service);
  for (const key of Object.keys(service)) {
    if (HANDLED.has(key) || key.startsWith('x-')) continue;
    if (key === 'restart' && service.restart === 'no') {
      unmapped.push({
        key,
        reason:
          'a one-shot service (restart "no"): a Deployment would restart it forever; import the whole file (--all) to run it as a Job or an init container',
      });
      continue;
    }
    const need = hostAccess.find(u => u.key === key);
    if (need) {
      unmapped.push(need);
      continue;
    }
    if (key === 'privileged' && service.privileged !== true) continue;
    unmapped.push({
      key,
      reason: UNMAPPED_REASONS[key] ?? DEFAULT_UNMAPPED_REASON,
    });
  }
  return { spec, unmapped, secretKeys: [...env.secretEnv], warnings };
}

/** The named service, or an Error listing the names that exist. */
function findService(
  project: NormalizeResult,
  name: string,
): NormalizedService {
  const { services } = project.compose;
  if (Object.prototype.hasOwnProperty.call(services, name))
    return services[name];
  if (project.inactive[name]) {
    throw new Error(
      `service "${name}" belongs to the profiles ${project.inactive[name].join(
        ', ',
      )}, none of which is active; activate one (--profile)`,
    );
  }
  throw new Error(
    `service "${name}" is not in the compose file; it defines: ${Object.keys(
      services,
    ).join(', ')}`,
  );
}

function mapImage(service: NormalizedService, warnings: string[]): string {
  if (typeof service.image !== 'string' || service.image === '') {
    warnings.push(
      `no image (build-only service); set image to a pushed image with a pinned tag`,
    );
    return `registry.example/replace-me:${IMAGE_TAG_PLACEHOLDER}`;
  }
  const parsed = parseImageReference(service.image);
  if (!parsed.ok) {
    warnings.push(`image: ${parsed.problem}; fix it in the draft`);
    return service.image;
  }
  const ref = parsed.reference;
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
