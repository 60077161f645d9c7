import { ServiceSpec } from '../spec/serviceSpec';
import { claimName, metadata, NAME_LABEL, secretName } from './labels';
import { YamlDoc } from './yamlFile';

export function renderNamespace(spec: ServiceSpec): YamlDoc {
  const level = spec.namespace.podSecurity;
  return {
    value: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: spec.namespace.name,
        labels: {
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/warn': level,
        },
      },
    },
    comments: [
      {
        path: ['metadata', 'labels'],
        text: 'Audit and warn match enforce so lint and admission agree on what is allowed.',
      },
    ],
  };
}

/** The catalog's default cluster Resource: this repository's manifests/cluster/catalog-info.yaml. */
export const DEFAULT_CLUSTER_REF = 'homelab';

/**
 * The kubernetes-namespace Resource a new namespace's folder declares, so the component's
 * `dependsOn: resource:<namespace>` resolves once merged. Its spec is what the catalog's
 * homelab processor validates (cluster, the three Pod Security modes); the levels match
 * the Namespace object's labels. Not a Kubernetes object: no kustomization lists it.
 */
export function renderNamespaceEntity(
  namespace: {
    name: string;
    podSecurity: ServiceSpec['namespace']['podSecurity'];
  },
  owner: string,
  cluster: string = DEFAULT_CLUSTER_REF,
): YamlDoc {
  const level = namespace.podSecurity;
  return {
    header: `The ${namespace.name} namespace in the catalog; Backstage reads this file, kubectl does not apply it.`,
    value: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: namespace.name,
        title: `${namespace.name} namespace`,
        description: `Namespace ${namespace.name}. Every mode of Pod Security is ${level}.`,
        tags: ['kubernetes-namespace'],
      },
      spec: {
        type: 'kubernetes-namespace',
        owner,
        system: 'homelab',
        cluster,
        podSecurity: { enforce: level, audit: level, warn: level },
      },
    },
  };
}

export function renderClaims(spec: ServiceSpec): YamlDoc[] {
  return spec.storage.map(volume => {
    const claimSpec: Record<string, unknown> = {
      accessModes: [volume.accessMode],
      resources: { requests: { storage: volume.size } },
    };
    if (volume.storageClass) claimSpec.storageClassName = volume.storageClass;
    return {
      value: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: metadata(spec, claimName(spec, volume.name)),
        spec: claimSpec,
      },
    };
  });
}

export function renderSecret(spec: ServiceSpec): YamlDoc {
  return {
    header:
      'Keys only. Fill the values outside git: encrypt this file with SOPS or replace it\nwith an ExternalSecret. Never commit plain values.',
    value: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(spec, secretName(spec)),
      type: 'Opaque',
      stringData: Object.fromEntries(spec.secretEnv.map(key => [key, ''])),
    },
  };
}

export function renderCatalogInfo(
  spec: ServiceSpec,
  hostnames: string[],
): YamlDoc {
  const entityMetadata: Record<string, unknown> = { name: spec.name };
  if (spec.description) entityMetadata.description = spec.description;
  entityMetadata.annotations = {
    'backstage.io/kubernetes-label-selector': `${NAME_LABEL}=${spec.name}`,
    'backstage.io/kubernetes-namespace': spec.namespace.name,
  };
  if (hostnames.length > 0) {
    entityMetadata.links = hostnames.map(h => ({
      url: `https://${h}`,
      title: h,
    }));
  }
  return {
    value: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: entityMetadata,
      spec: {
        type: 'service',
        lifecycle: spec.lifecycle,
        owner: spec.owner,
        system: 'homelab',
        dependsOn: [`resource:${spec.namespace.name}`],
      },
    },
  };
}
