export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Served by the metrics API rather than from the object store. */
  metrics?: boolean;
}

const ALL = ['all'];

function r(
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames?: string[],
  categories?: string[],
): ResourceType {
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames,
    categories,
  };
}

/** Every resource the simulator serves; discovery is generated from this list. */
export const RESOURCES: ResourceType[] = [
  r('', 'v1', 'namespaces', 'Namespace', false, ['ns']),
  r('', 'v1', 'nodes', 'Node', false, ['no']),
  r('', 'v1', 'pods', 'Pod', true, ['po'], ALL),
  r('', 'v1', 'services', 'Service', true, ['svc'], ALL),
  r('', 'v1', 'endpoints', 'Endpoints', true, ['ep']),
  r('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  r('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
  r('', 'v1', 'secrets', 'Secret', true),
  r('', 'v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  r('', 'v1', 'events', 'Event', true, ['ev']),
  r('', 'v1', 'limitranges', 'LimitRange', true, ['limits']),
  r('', 'v1', 'resourcequotas', 'ResourceQuota', true, ['quota']),
  r('apps', 'v1', 'deployments', 'Deployment', true, ['deploy'], ALL),
  r('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs'], ALL),
  r('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts'], ALL),
  r('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds'], ALL),
  r('batch', 'v1', 'jobs', 'Job', true, undefined, ALL),
  r('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj'], ALL),
  r(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    ['hpa'],
    ALL,
  ),
  r('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  r('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, ['ing']),
  r('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, [
    'netpol',
  ]),
  r(
    'gateway.networking.k8s.io',
    'v1',
    'httproutes',
    'HTTPRoute',
    true,
    undefined,
    ['gateway-api'],
  ),
  r(
    'gateway.networking.k8s.io',
    'v1',
    'gateways',
    'Gateway',
    true,
    ['gtw'],
    ['gateway-api'],
  ),
  {
    ...r('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true),
    metrics: true,
  },
  {
    ...r('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false),
    metrics: true,
  },
];

export function groupVersion(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

export function findResource(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCES.find(
    t => t.group === group && t.version === version && t.plural === plural,
  );
}

const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'GatewayClass',
  'IngressClass',
  'PriorityClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
]);

export function isNamespacedKind(kind: string): boolean {
  return !CLUSTER_SCOPED_KINDS.has(kind);
}
