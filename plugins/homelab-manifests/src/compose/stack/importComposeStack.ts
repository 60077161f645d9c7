import { parseServiceSpec } from '../../spec/parseServiceSpec';
import type { ServiceSpecInput } from '../../spec/serviceSpec';
import { dnsLabelProblem } from '../../util/values';
import { toDnsLabel } from '../composeValues';
import {
  DEFAULT_OWNER,
  importComposeService,
  RequiredVariableError,
  type ComposeImport,
} from '../importComposeService';
import { normalizeCompose, type NormalizeResult } from '../normalize';
import { classifyServices } from './classify';
import { nameStackEntities } from './entityNames';
import { allowPeers, joinPods, LEVELS, reachSidecars } from './peers';
import { mountFiles, renderStack } from './renderStack';
import { stackDocuments } from './stackDocs';
import { namespaceFiles } from './stackFiles';
import type { StackImport, StackImportOptions, StackService } from './types';

/**
 * Drafts and renders every service of a compose file into one namespace: roles (Deployment,
 * Job, init container, sidecar), NetworkPolicies between the services from depends_on,
 * links and the service names in environment URLs, a kustomization over all of it, one
 * phase plan, cutover and rollback runbooks and a per-service report. Services that need
 * a person's decision are listed with the fix; the rest is still drafted and rendered.
 */
export function importComposeStack(
  text: string | NormalizeResult,
  options: StackImportOptions = {},
): StackImport {
  const project =
    typeof text === 'string'
      ? normalizeCompose(text, {
          ...options.sources,
          profiles: options.profiles,
        })
      : text;
  const namespace = stackNamespace(project, options);
  const roles = classifyServices(project.compose);
  const services: StackService[] = [];
  for (const serviceName of Object.keys(project.compose.services)) {
    services.push(
      draftOne(project, serviceName, namespace, roles[serviceName], options),
    );
  }
  const byService = new Map(services.map(s => [s.service, s]));
  joinPods(services, byService);
  reachSidecars(project, services, byService, namespace);
  const specs = finalSpecs(services, namespace);
  allowPeers(specs, services, namespace);

  const drafted = services.filter(s => !s.decision);
  const podSecurity =
    LEVELS[Math.max(0, ...drafted.map(s => LEVELS.indexOf(s.podSecurity)))];
  const files = renderStack(services, specs, byService, options.portalAccount);
  mountFiles(project, services, files, namespace, options);
  nameStackEntities(files, namespace);
  files.unshift(
    ...namespaceFiles(
      namespace,
      podSecurity,
      files,
      options.owner ?? DEFAULT_OWNER,
    ),
  );
  const result: StackImport = {
    namespace,
    podSecurity,
    services,
    inactive: project.inactive,
    files,
    warnings: project.warnings.filter(w => !/services\.[^.]+\./.test(w)),
  };
  result.files.push(...stackDocuments(result, project.compose));
  return result;
}

function stackNamespace(
  project: NormalizeResult,
  options: StackImportOptions,
): string {
  const wanted =
    options.namespace ?? project.compose.name ?? options.folderName ?? '';
  const namespace = options.namespace ?? toDnsLabel(wanted);
  const problem = dnsLabelProblem(namespace);
  if (problem)
    throw new Error(
      `namespace: ${problem}; give one with --namespace (default: the compose project name or the folder name)`,
    );
  return namespace;
}

function draftOne(
  project: NormalizeResult,
  service: string,
  namespace: string,
  role: ReturnType<typeof classifyServices>[string],
  options: StackImportOptions,
): StackService {
  const entry: StackService = {
    service,
    name: toDnsLabel(service),
    role: role.role,
    runsIn: role.runsIn,
    podSecurity: 'restricted',
    unmapped: [],
    warnings: [],
  };
  let draft: ComposeImport;
  try {
    draft = importComposeService(project, service, {
      namespace,
      owner: options.owner,
      storageSize: options.storageSize,
    });
  } catch (error) {
    entry.decision = {
      reason: (error as Error).message,
      fix:
        error instanceof RequiredVariableError
          ? 'set the variable in the env file, then import again'
          : 'fix the service in the compose file, then import again',
    };
    return entry;
  }
  entry.draft = draft;
  entry.unmapped = draft.unmapped.filter(
    u => !(role.role === 'sidecar' && u.key === 'network_mode'),
  );
  entry.warnings = draft.warnings.filter(
    w => !w.startsWith('no namespace given'),
  );
  entry.podSecurity = draft.spec.namespace.podSecurity ?? 'restricted';
  const parsed = parseServiceSpec(draft.spec);
  if (!parsed.success) {
    const floating = draft.warnings.find(w => w.includes('floats ('));
    entry.decision = {
      reason: parsed.problems.map(p => `${p.path}: ${p.message}`).join('; '),
      fix: floating
        ? `pin the image: ${floating.replace(/^image /, '')}`
        : 'fix the listed fields in the draft, then render it',
    };
  }
  return entry;
}

function finalSpecs(
  services: StackService[],
  namespace: string,
): Map<string, ServiceSpecInput> {
  const specs = new Map<string, ServiceSpecInput>();
  for (const s of services) {
    if (s.decision || !s.draft) continue;
    const spec = s.draft.spec;
    spec.namespace = {
      name: namespace,
      create: false,
      podSecurity: s.podSecurity,
    };
    if (s.role !== 'deployment') delete spec.probes;
    if (s.role === 'job' || s.role === 'init') spec.ports = [];
    specs.set(s.service, spec);
  }
  return specs;
}
