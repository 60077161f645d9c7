import { parseServiceSpec } from '../../spec/parseServiceSpec';
import type {
  PodSecurityLevel,
  ServiceSpec,
  ServiceSpecInput,
} from '../../spec/serviceSpec';
import {
  renderManifests,
  type RenderedFile,
} from '../../render/renderManifests';
import { dnsLabelProblem } from '../../util/values';
import { toDnsLabel } from '../composeValues';
import {
  importComposeService,
  type ComposeImport,
} from '../importComposeService';
import { normalizeCompose, type NormalizeResult } from '../normalize';
import { peersOf } from '../egress';
import { classifyServices } from './classify';
import { addFileMounts, mountComposeFiles } from './fileMounts';
import { deploymentToJob, mergeIntoPod } from './podMerge';
import { stackDocuments } from './stackDocs';
import { namespaceFiles, rewriteResources } from './stackFiles';
import type { StackImport, StackImportOptions, StackService } from './types';

const LEVELS: PodSecurityLevel[] = ['restricted', 'baseline', 'privileged'];

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
  const files = renderStack(services, specs, byService);
  mountFiles(project, services, files, namespace, options);
  files.unshift(...namespaceFiles(namespace, podSecurity, files));
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
      fix: 'set the variable in the env file, then import again',
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

/** Sidecars and init containers join their host pods: their egress and ports go with them. */
function joinPods(
  services: StackService[],
  byService: Map<string, StackService>,
) {
  for (const guest of services) {
    if (guest.decision || (guest.role !== 'sidecar' && guest.role !== 'init'))
      continue;
    for (const hostName of guest.runsIn ?? []) {
      const host = byService.get(hostName);
      if (!host || host.decision || host.role !== 'deployment') {
        if (guest.role === 'sidecar')
          guest.decision = {
            reason: `shares the network of "${hostName}" (network_mode: service:${hostName}), which is not drafted as a Deployment${
              host?.decision ? ` (${host.decision.reason})` : ''
            }`,
            fix: `resolve "${hostName}" first; or drop network_mode to give it its own pod, knowing its traffic then no longer goes through ${hostName}`,
          };
        continue;
      }
      const hostSpec = host.draft!.spec;
      const guestSpec = guest.draft!.spec;
      hostSpec.egress = dedupe([
        ...(hostSpec.egress ?? []),
        ...(guestSpec.egress ?? []),
      ]);
      if (guest.role === 'sidecar') {
        const ports = hostSpec.ports ?? [];
        for (const port of guestSpec.ports ?? []) {
          if (
            ports.some(
              p =>
                p.port === port.port &&
                (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
            )
          )
            continue;
          const name = ports.some(p => p.name === port.name)
            ? `${(port.protocol ?? 'TCP').toLowerCase()}-${port.port}`
            : port.name;
          ports.push({ ...port, name });
        }
        hostSpec.ports = ports;
        guestSpec.ports = [];
        delete guestSpec.probes;
        guest.warnings.push(
          `runs as a container in the pod of "${host.name}" and shares its network, user and Pod Security level`,
        );
      } else {
        guest.warnings.push(
          `runs as an init container of "${host.name}" before it starts, each time its pod starts`,
        );
      }
      host.podSecurity = higher(host.podSecurity, guest.podSecurity);
    }
  }
}

/**
 * A service that talks to a sidecar (network_mode: service:<host>) reaches it through the
 * host's pod; without a port of its own, every port the host pod declares is allowed.
 */
function reachSidecars(
  project: NormalizeResult,
  services: StackService[],
  byService: Map<string, StackService>,
  namespace: string,
) {
  for (const client of services) {
    if (!client.draft || client.decision) continue;
    const spec = client.draft.spec;
    for (const peer of peersOf(
      project.compose,
      client.service,
      project.compose.services[client.service],
    )) {
      const guest = byService.get(peer);
      const host =
        guest?.role === 'sidecar' ? byService.get(guest.runsIn![0]) : undefined;
      if (!host?.draft || host.decision || host === client) continue;
      if (
        (spec.egress ?? []).some(
          e => e.app === host.name || e.app === guest!.name,
        )
      )
        continue;
      for (const port of host.draft.spec.ports ?? [])
        (spec.egress ??= []).push({
          namespace,
          app: host.name,
          port: port.port,
          protocol: port.protocol ?? 'TCP',
        });
      client.unmapped = client.unmapped.filter(
        u => u.key !== `depends_on.${peer}`,
      );
      client.warnings.push(
        `reaches "${peer}" in the pod of "${host.name}": every port of that pod is allowed; narrow it to the one "${peer}" listens on`,
      );
    }
  }
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

/** Each egress rule inside the namespace becomes an ingress rule on the pods it reaches. */
function allowPeers(
  specs: Map<string, ServiceSpecInput>,
  services: StackService[],
  namespace: string,
) {
  const podOf = new Map<string, string>();
  for (const s of services) {
    const host =
      s.role === 'sidecar' || s.role === 'init' ? s.runsIn?.[0] : undefined;
    podOf.set(s.name, s.role === 'sidecar' && host ? toDnsLabel(host) : s.name);
  }
  const bySpecName = new Map(
    [...specs.values()].map(spec => [spec.name, spec]),
  );
  for (const s of services) {
    const spec = specs.get(s.service);
    if (!spec || s.role === 'sidecar' || s.role === 'init') continue;
    spec.egress = dedupe(
      (spec.egress ?? []).map(e =>
        e.namespace === namespace
          ? { ...e, app: podOf.get(e.app) ?? e.app }
          : e,
      ),
    ).filter(e => !(e.namespace === namespace && e.app === spec.name));
    for (const e of spec.egress) {
      const target =
        e.namespace === namespace ? bySpecName.get(e.app) : undefined;
      if (!target || (target.ports ?? []).length === 0) continue;
      const ingress = target.ingress ?? [];
      if (!ingress.some(i => i.namespace === namespace && i.app === spec.name))
        ingress.push({ namespace, app: spec.name });
      target.ingress = ingress;
    }
  }
}

function renderStack(
  services: StackService[],
  specs: Map<string, ServiceSpecInput>,
  byService: Map<string, StackService>,
): RenderedFile[] {
  const rendered = new Map<string, RenderedFile[]>();
  for (const s of services) {
    const input = specs.get(s.service);
    if (!input || s.decision) continue;
    const parsed = parseServiceSpec(input);
    if (!parsed.success) {
      s.decision = {
        reason: parsed.problems.map(p => `${p.path}: ${p.message}`).join('; '),
        fix: 'fix the listed fields in the draft, then render it',
      };
      continue;
    }
    rendered.set(s.service, renderManifests(parsed.spec as ServiceSpec));
  }
  const find = (files: RenderedFile[], file: string) =>
    files.findIndex(f => f.path.endsWith(`/${file}`));
  for (const s of services) {
    const files = rendered.get(s.service);
    if (!files) continue;
    if (s.role === 'job') {
      const i = find(files, 'deployment.yaml');
      files[i] = deploymentToJob(files[i]);
      rewriteResources(files, names =>
        names.map(n => (n === 'deployment.yaml' ? 'job.yaml' : n)),
      );
      continue;
    }
    if (s.role !== 'sidecar' && s.role !== 'init') continue;
    const donor = files[find(files, 'deployment.yaml')];
    for (const hostName of s.runsIn ?? []) {
      const hostFiles = rendered.get(hostName);
      if (!hostFiles || byService.get(hostName)?.decision) continue;
      const i = find(hostFiles, 'deployment.yaml');
      hostFiles[i] = mergeIntoPod(
        hostFiles[i],
        donor,
        s.name,
        s.role === 'sidecar' ? 'containers' : 'initContainers',
      );
    }
    // the guest keeps its claims and Secret; its pod objects now live in the host's folder
    const kept = files.filter(
      f =>
        /\/(pvc|secret)\.yaml$/.test(f.path) ||
        f.path.endsWith('/kustomization.yaml'),
    );
    files.splice(0, files.length, ...kept);
    rewriteResources(files, names => names.filter(n => n === 'pvc.yaml'));
  }
  return services.flatMap(s => rendered.get(s.service) ?? []);
}

/** Compose secrets and configs of Deployments and Jobs: a Secret placeholder and a ConfigMap, mounted. */
function mountFiles(
  project: NormalizeResult,
  services: StackService[],
  files: RenderedFile[],
  namespace: string,
  options: StackImportOptions,
) {
  for (const s of services) {
    if (s.decision || (s.role !== 'deployment' && s.role !== 'job')) continue;
    const dir = `${namespace}/${s.name}`;
    const mounted = mountComposeFiles(
      project.compose,
      project.compose.services[s.service],
      s.name,
      namespace,
      dir,
      options.sources?.readFile,
    );
    if (mounted.mounts.length === 0) continue;
    const i = files.findIndex(
      f => f.path === `${dir}/deployment.yaml` || f.path === `${dir}/job.yaml`,
    );
    files[i] = addFileMounts(files[i], s.name, mounted.mounts);
    const k = files.findIndex(f => f.path === `${dir}/kustomization.yaml`);
    files.splice(k, 0, ...mounted.files);
    const own = files.filter(f => f.path === `${dir}/kustomization.yaml`);
    rewriteResources(own, names => [
      ...names,
      ...(mounted.files.some(f => f.path.endsWith('/configmap.yaml'))
        ? ['configmap.yaml']
        : []),
    ]);
    files[files.findIndex(f => f.path === `${dir}/kustomization.yaml`)] =
      own[0];
    s.unmapped = [
      ...s.unmapped.filter(u => u.key !== 'secrets' && u.key !== 'configs'),
      ...mounted.notes,
    ];
  }
}

function higher(a: PodSecurityLevel, b: PodSecurityLevel): PodSecurityLevel {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
