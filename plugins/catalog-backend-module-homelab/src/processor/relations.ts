import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { EntityRelationSpec } from '@backstage/plugin-catalog-node';
import type { HomelabResourceType, ModelSpec } from './schemas';

/** Backstage's Kubernetes annotation; the tab reads pods from this namespace. */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * The `dependsOn` edges the homelab graph needs (cluster -> node,
 * namespace -> cluster, model server -> model, component -> namespace), each
 * with its `dependencyOf` reverse. Edges the entity already declares in
 * spec.dependsOn / spec.dependencyOf are left out: the built-in processor
 * emits those. A component's namespace is `namespaceRef` (the entity standing
 * for its backstage.io/kubernetes-namespace, see NamespaceDirectory); without
 * one, the Resource named like the namespace in the component's catalog namespace.
 */
export function homelabRelations(
  entity: Entity,
  namespaceRef?: string,
): EntityRelationSpec[] {
  const self = getCompoundEntityRef(entity);
  const kind = entity.kind.toLowerCase();
  const type = entity.spec?.type as HomelabResourceType | undefined;
  const ref = (value: string, defaultKind: string) =>
    parseEntityRef(value, { defaultKind, defaultNamespace: self.namespace });

  if (kind === 'component') {
    const namespace =
      entity.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE];
    if (!namespace) return [];
    const target = namespaceRef
      ? parseEntityRef(namespaceRef)
      : ref(namespace, 'resource');
    return declares(entity, 'dependsOn', target) ? [] : dependsOn(self, target);
  }
  if (kind !== 'resource') return [];
  switch (type) {
    case 'kubernetes-node': {
      const cluster = ref(String(entity.spec?.cluster), 'resource');
      return declares(entity, 'dependencyOf', cluster)
        ? []
        : dependsOn(cluster, self);
    }
    case 'kubernetes-namespace': {
      const cluster = ref(String(entity.spec?.cluster), 'resource');
      return declares(entity, 'dependsOn', cluster)
        ? []
        : dependsOn(self, cluster);
    }
    case 'ai-model': {
      const server = ref((entity.spec as ModelSpec).servedBy, 'component');
      return declares(entity, 'dependencyOf', server)
        ? []
        : dependsOn(server, self);
    }
    default:
      return [];
  }
}

function dependsOn(
  source: CompoundEntityRef,
  target: CompoundEntityRef,
): EntityRelationSpec[] {
  return [
    { source, type: RELATION_DEPENDS_ON, target },
    { source: target, type: RELATION_DEPENDENCY_OF, target: source },
  ];
}

/** Whether spec[field] already lists `target` (refs there must carry their kind). */
function declares(
  entity: Entity,
  field: 'dependsOn' | 'dependencyOf',
  target: CompoundEntityRef,
) {
  const listed = entity.spec?.[field];
  if (!Array.isArray(listed)) return false;
  const wanted = stringifyEntityRef(target).toLowerCase();
  return listed.some(value => {
    try {
      const parsed = parseEntityRef(String(value), {
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      return stringifyEntityRef(parsed).toLowerCase() === wanted;
    } catch {
      return false;
    }
  });
}
