import type { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATION_OLLAMA_MODEL } from '@internal/plugin-homelab-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { DISCOVERY_LOCATION_TYPE } from './entities';
import {
  ANNOTATION_KUBERNETES_NAME,
  isKubernetesType,
  kubernetesKey,
  normalizeOllamaTag,
} from './names';

/** What the catalog holds from other sources than this provider. */
export interface DeclaredEntities {
  /** Lower-case refs, e.g. `resource:default/node-1`. */
  refs: Set<string>;
  /** Normalized tags of `homelab.dev/ollama-model` annotations, e.g. `moondream:latest`. */
  ollamaTags: Set<string>;
  /**
   * Declared clusters, nodes and namespaces by `<spec.type>/<Kubernetes name>` (see
   * kubernetesKey), each with its lower-case ref.
   */
  kubernetes: Map<string, string>;
}

export function emptyDeclaredEntities(): DeclaredEntities {
  return { refs: new Set(), ollamaTags: new Set(), kubernetes: new Map() };
}

export function isDiscovered(entity: Entity): boolean {
  const origin =
    entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION] ?? '';
  return origin.startsWith(`${DISCOVERY_LOCATION_TYPE}:`);
}

/** The object's name in Kubernetes: the homelab.dev/kubernetes-name annotation, else the entity name. */
export function kubernetesNameOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[ANNOTATION_KUBERNETES_NAME] ??
    entity.metadata.name
  );
}

/** The declared-entity index key of a cluster, node or namespace entity. */
export function kubernetesKeyOf(entity: Entity): string | undefined {
  const type = entity.spec?.type;
  if (entity.kind.toLowerCase() !== 'resource' || !isKubernetesType(type))
    return undefined;
  return kubernetesKey(type, kubernetesNameOf(entity));
}

/**
 * Reads the Resources not emitted by this provider through the catalog API.
 * Asking the catalog (rather than re-reading catalog-info.yaml files) covers
 * every location the portal registers, in git or added at run time.
 */
export async function readDeclaredEntities(
  catalog: CatalogService,
  auth: AuthService,
): Promise<DeclaredEntities> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Resource' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
        'spec.type',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const declared = emptyDeclaredEntities();
  for (const entity of items) {
    if (isDiscovered(entity)) continue;
    const ref = stringifyEntityRef(entity).toLowerCase();
    declared.refs.add(ref);
    const tag = entity.metadata.annotations?.[ANNOTATION_OLLAMA_MODEL];
    if (tag) declared.ollamaTags.add(normalizeOllamaTag(tag));
    const key = kubernetesKeyOf(entity);
    if (key && !declared.kubernetes.has(key)) declared.kubernetes.set(key, ref);
  }
  return declared;
}

/**
 * Whether a discovered entity stands for something declared elsewhere: the same ref, the
 * same type and Kubernetes name (whatever the declared entity is called), or the same
 * Ollama tag.
 */
export function isDeclared(
  entity: Entity,
  declared: DeclaredEntities,
): boolean {
  if (declared.refs.has(stringifyEntityRef(entity).toLowerCase())) return true;
  const key = kubernetesKeyOf(entity);
  if (key && declared.kubernetes.has(key)) return true;
  const tag = entity.metadata.annotations?.[ANNOTATION_OLLAMA_MODEL];
  return tag !== undefined && declared.ollamaTags.has(normalizeOllamaTag(tag));
}
