import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_DISCOVERED,
  ANNOTATION_OLLAMA_MODEL,
} from '@internal/plugin-homelab-common';
import type {
  KubeNamespace,
  KubeNode,
  ModelResponse,
} from '@internal/plugin-homelab-node';
import {
  ANNOTATION_KUBERNETES_NAME,
  discoveredRef,
  KubernetesType,
  modelEntityName,
  toEntityName,
} from './names';
import {
  formatBinaryBytes,
  formatDecimalBytes,
  parseQuantityBytes,
} from './sizes';

/** Prefix of the managed-by-location annotations of discovered entities. */
export const DISCOVERY_LOCATION_TYPE = 'homelab-discovery';

export interface DiscoveryContext {
  clusterName: string;
  ollamaBaseUrl: string;
  owner: string;
  system: string;
  /** Ref of the Component that serves the discovered models. */
  modelServer: string;
}

type Source = 'kubernetes' | 'ollama';

function resource(
  source: Source,
  target: string,
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description: string;
    annotations?: Record<string, string>;
  },
  spec: Record<string, unknown>,
  ctx: DiscoveryContext,
): Entity {
  const location = `${DISCOVERY_LOCATION_TYPE}:${source}/${target}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      ...metadata,
      annotations: {
        ...metadata.annotations,
        [ANNOTATION_DISCOVERED]: source,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      },
    },
    spec: { ...spec, owner: ctx.owner, system: ctx.system },
  };
}

/** Name, catalog namespace and Kubernetes-name annotation of a discovered Kubernetes object. */
function kubernetesMetadata(type: KubernetesType, kubernetesName: string) {
  return {
    name: toEntityName(kubernetesName),
    namespace: type,
    annotations: { [ANNOTATION_KUBERNETES_NAME]: kubernetesName },
  };
}

/** The discovered cluster's ref; the provider swaps in the declared cluster's when there is one. */
function clusterRef(ctx: DiscoveryContext): string {
  return discoveredRef('kubernetes-cluster', ctx.clusterName);
}

export function clusterEntity(ctx: DiscoveryContext): Entity {
  return resource(
    'kubernetes',
    ctx.clusterName,
    {
      ...kubernetesMetadata('kubernetes-cluster', ctx.clusterName),
      description: `Kubernetes cluster ${ctx.clusterName}, as configured in homelab.cluster.`,
    },
    { type: 'kubernetes-cluster' },
    ctx,
  );
}

const ROLE_LABEL = 'node-role.kubernetes.io/';
const NFD_CPU = 'feature.node.kubernetes.io/cpu-model.';

export function nodeEntity(node: KubeNode, ctx: DiscoveryContext): Entity {
  const labels = node.metadata.labels ?? {};
  const roles = Object.keys(labels)
    .filter(key => key.startsWith(ROLE_LABEL))
    .map(key => key.slice(ROLE_LABEL.length));
  const memory = parseQuantityBytes(node.status?.capacity?.memory ?? '');
  // node-feature-discovery labels give vendor, family and model numbers, not a marketing name.
  const vendor = labels[`${NFD_CPU}vendor_id`];
  const cpuModel = vendor
    ? `${vendor} family ${labels[`${NFD_CPU}family`] ?? '?'} model ${
        labels[`${NFD_CPU}id`] ?? '?'
      }`
    : undefined;
  return resource(
    'kubernetes',
    `${ctx.clusterName}/nodes/${node.metadata.name}`,
    {
      ...kubernetesMetadata('kubernetes-node', node.metadata.name),
      title: node.metadata.name,
      description: `Node discovered in cluster ${ctx.clusterName}.`,
    },
    {
      type: 'kubernetes-node',
      cluster: clusterRef(ctx),
      ...(cpuModel ? { cpuModel } : {}),
      threads: Number(node.status?.capacity?.cpu),
      memory:
        memory === undefined
          ? node.status?.capacity?.memory
          : formatBinaryBytes(memory),
      arch: node.status?.nodeInfo?.architecture ?? labels['kubernetes.io/arch'],
      // Nodes without a role label are what kubectl shows as <none>: k3s agents, i.e. workers.
      roles: roles.length ? roles.sort() : ['worker'],
    },
    ctx,
  );
}

const POD_SECURITY_LABEL = 'pod-security.kubernetes.io/';

export function namespaceEntity(
  namespace: KubeNamespace,
  ctx: DiscoveryContext,
): Entity {
  const labels = namespace.metadata.labels ?? {};
  // Without a label, Pod Security admission applies `privileged` in that mode.
  const level = (mode: string) =>
    labels[`${POD_SECURITY_LABEL}${mode}`] ?? 'privileged';
  return resource(
    'kubernetes',
    `${ctx.clusterName}/namespaces/${namespace.metadata.name}`,
    {
      ...kubernetesMetadata('kubernetes-namespace', namespace.metadata.name),
      title: `${namespace.metadata.name} namespace`,
      description: `Namespace discovered in cluster ${ctx.clusterName}.`,
    },
    {
      type: 'kubernetes-namespace',
      cluster: clusterRef(ctx),
      podSecurity: {
        enforce: level('enforce'),
        audit: level('audit'),
        warn: level('warn'),
      },
    },
    ctx,
  );
}

/** Families whose projector makes a model take images. */
const VISION_FAMILIES = new Set(['clip', 'mllama']);

export function modelEntity(
  model: ModelResponse,
  ctx: DiscoveryContext,
): Entity {
  const details = model.details;
  const families = [details?.family, ...(details?.families ?? [])];
  const vision = families.some(family => family && VISION_FAMILIES.has(family));
  return resource(
    'ollama',
    `${ctx.ollamaBaseUrl}/api/tags#${model.name}`,
    {
      name: modelEntityName(model.name),
      title: model.name,
      description: `Model discovered on the Ollama server at ${ctx.ollamaBaseUrl}.`,
      annotations: { [ANNOTATION_OLLAMA_MODEL]: model.name },
    },
    {
      type: 'ai-model',
      family: details?.family,
      parameterSize: details?.parameter_size,
      quantization: details?.quantization_level,
      diskSize: formatDecimalBytes(model.size),
      capabilities: [vision ? 'vision' : 'text'],
      servedBy: ctx.modelServer,
    },
    ctx,
  );
}
