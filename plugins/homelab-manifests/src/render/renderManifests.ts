import { ServiceSpec } from '../spec/serviceSpec';
import { dnsLabelProblem, hostnameProblem } from '../util/values';
import { DEFAULT_PORTAL_ACCOUNT } from '../lint/portalProxy/types';
import type { PortalAccount } from '../lint/portalProxy/types';
import { renderPortalProxyRbac } from './portalProxyRbac';
import { renderDeployment } from './deployment';
import { renderHttpRoute, renderNetworkPolicy, renderService } from './network';
import {
  renderCatalogInfo,
  DEFAULT_CLUSTER_REF,
  renderClaims,
  renderNamespace,
  renderNamespaceEntity,
  renderSecret,
} from './supporting';
import type { KnownServices } from './knownServices';
import { toYaml, YamlDoc } from './yamlFile';

/** One file of a rendered manifest set; `path` is relative and uses "/". */
export interface RenderedFile {
  path: string;
  content: string;
}

export interface RenderOptions {
  /** Appended to hostnames without a dot; default k8s.home.arpa. */
  baseDomain?: string;
  /**
   * Services and workloads of the cluster's manifests (knownServicesFrom over the
   * repository's manifests/): egress ports become the target pods' ports. Without it,
   * or for a target not in it, the Service port is used and a warning says so.
   */
  knownServices?: KnownServices;
  /**
   * The ServiceAccount a spec's portalProbe Role is bound to (config
   * homelab.portal.serviceAccount); default homelab-portal in namespace portal.
   */
  portalAccount?: PortalAccount;
  /**
   * The kubernetes-cluster Resource a new namespace's entity names in spec.cluster, as
   * a name or ref; default `homelab` (resource:default/homelab).
   */
  cluster?: string;
}

export interface RenderResult {
  files: RenderedFile[];
  /** Things the caller should show: ports assumed rather than read, for example. */
  warnings: string[];
}

export const DEFAULT_BASE_DOMAIN = 'k8s.home.arpa';

/** `[resource:][<namespace>/]<name>`, the forms the catalog's `spec.cluster` accepts. */
const CLUSTER_REF =
  /^(resource:)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/i;

/**
 * Renders a validated spec (see parseServiceSpec) into a manifest set.
 *
 * Layout: `<namespace>/namespace.yaml` and `<namespace>/catalog-info.yaml` (the namespace's
 * catalog Resource; both only with namespace.create) and every other file under
 * `<namespace>/<name>/`, matching the repository's manifests/<namespace>/ folders.
 * Files appear in a fixed order and the same spec always gives the same bytes.
 */
export function renderManifests(
  spec: ServiceSpec,
  options: RenderOptions = {},
): RenderedFile[] {
  return renderManifestSet(spec, options).files;
}

/** renderManifests with the warnings of the render (see RenderResult). */
export function renderManifestSet(
  spec: ServiceSpec,
  options: RenderOptions = {},
): RenderResult {
  const baseDomain = options.baseDomain ?? DEFAULT_BASE_DOMAIN;
  const domainProblem = hostnameProblem(baseDomain);
  if (domainProblem) throw new Error(`baseDomain: ${domainProblem}`);
  const account = options.portalAccount ?? DEFAULT_PORTAL_ACCOUNT;
  for (const key of ['name', 'namespace'] as const) {
    const problem = dnsLabelProblem(account[key]);
    if (problem) throw new Error(`portalAccount.${key}: ${problem}`);
  }
  const cluster = options.cluster ?? DEFAULT_CLUSTER_REF;
  if (!CLUSTER_REF.test(cluster)) {
    throw new Error(
      `cluster: "${cluster}" is not the name or ref of a kubernetes-cluster Resource; use e.g. homelab or resource:default/homelab`,
    );
  }

  const dir = `${spec.namespace.name}/${spec.name}`;
  const files: Array<[string, YamlDoc[]]> = [];
  if (spec.namespace.create) {
    files.push([
      `${spec.namespace.name}/namespace.yaml`,
      [renderNamespace(spec)],
    ]);
  }
  files.push([`${dir}/deployment.yaml`, [renderDeployment(spec)]]);
  // a workload without ports (a worker) has nothing to expose: no Service, no route
  if (spec.ports.length > 0)
    files.push([`${dir}/service.yaml`, [renderService(spec)]]);
  let hostnames: string[] = [];
  if (spec.hostnames.length > 0 && spec.gateway && spec.ports.length > 0) {
    const route = renderHttpRoute(spec, baseDomain);
    hostnames = (route.value as any).spec.hostnames;
    files.push([`${dir}/httproute.yaml`, [route]]);
  }
  const policy = renderNetworkPolicy(spec, options.knownServices);
  files.push([`${dir}/networkpolicy.yaml`, policy.docs]);
  if (spec.storage.length > 0)
    files.push([`${dir}/pvc.yaml`, renderClaims(spec)]);
  if (spec.portalProbe)
    files.push([
      `${dir}/portal-proxy-rbac.yaml`,
      renderPortalProxyRbac(spec, account),
    ]);
  if (spec.secretEnv.length > 0)
    files.push([`${dir}/secret.yaml`, [renderSecret(spec)]]);
  files.push([
    `${dir}/catalog-info.yaml`,
    [renderCatalogInfo(spec, hostnames)],
  ]);
  // After the service's entity, so "the first catalog-info.yaml" stays the component's.
  if (spec.namespace.create) {
    files.push([
      `${spec.namespace.name}/catalog-info.yaml`,
      [renderNamespaceEntity(spec.namespace, spec.owner, cluster)],
    ]);
  }
  files.push(
    ...renderKustomizations(
      spec,
      files.map(([path]) => path),
    ),
  );

  return {
    files: files.map(([path, docs]) => ({ path, content: toYaml(docs) })),
    warnings: policy.warnings,
  };
}

const NOT_APPLIED = new Set(['secret.yaml', 'catalog-info.yaml']);

/**
 * `kubectl apply -k` files like the repository's manifests folders have: the service
 * folder lists its objects, leaving out the empty Secret (applying it would blank the
 * real values) and the Backstage file. A new namespace's folder lists namespace.yaml and
 * the service folder; an existing namespace keeps its own kustomization.yaml, to which
 * the service folder is added by hand.
 */
function renderKustomizations(
  spec: ServiceSpec,
  paths: string[],
): Array<[string, YamlDoc[]]> {
  const kustomization = (resources: string[], header: string): YamlDoc => ({
    header,
    value: {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources,
    },
  });
  const dir = `${spec.namespace.name}/${spec.name}`;
  const objects = paths
    .filter(p => p.startsWith(`${dir}/`))
    .map(p => p.slice(dir.length + 1))
    .filter(file => !NOT_APPLIED.has(file));
  // The namespace's kustomization lists namespace.yaml and the service folder by name,
  // so <namespace>/catalog-info.yaml stays out of what kubectl applies as well.
  const result: Array<[string, YamlDoc[]]> = [
    [
      `${dir}/kustomization.yaml`,
      [
        kustomization(
          objects,
          `kubectl apply -k applies these objects. secret.yaml is left out on purpose: fill it\noutside git (SOPS, ExternalSecret); catalog-info.yaml is for Backstage.`,
        ),
      ],
    ],
  ];
  if (spec.namespace.create) {
    result.unshift([
      `${spec.namespace.name}/kustomization.yaml`,
      [
        kustomization(
          ['namespace.yaml', `${spec.name}/`],
          `kubectl apply -k ${spec.namespace.name}/ creates the namespace and applies ${spec.name}/.`,
        ),
      ],
    ]);
  }
  return result;
}
