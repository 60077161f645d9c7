import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeclaredEntities,
  isDeclared,
  kubernetesKeyOf,
  kubernetesNameOf,
} from './declared';
import { kubernetesKey } from './names';

export interface Merged {
  /** The discovered entities to apply: none that is declared, each once. */
  entities: Entity[];
  /** Kubernetes namespace name -> ref of the entity that stands for it. */
  namespaceRefs: Map<string, string>;
}

/**
 * Leaves out what is declared, points discovered nodes and namespaces at the declared
 * cluster when the repository declares it, and says which entity stands for each
 * Kubernetes namespace.
 */
export function preferDeclared(
  discovered: Entity[],
  declared: DeclaredEntities,
  clusterName: string | undefined,
): Merged {
  const declaredCluster =
    clusterName === undefined
      ? undefined
      : declared.kubernetes.get(
          kubernetesKey('kubernetes-cluster', clusterName),
        );
  const namespaceRefs = new Map<string, string>();
  const prefix = 'kubernetes-namespace/';
  for (const [key, ref] of declared.kubernetes) {
    if (key.startsWith(prefix))
      namespaceRefs.set(key.slice(prefix.length), ref);
  }
  const entities = uniqueByRef(
    discovered.filter(entity => !isDeclared(entity, declared)),
  ).map(entity => {
    if (kubernetesKeyOf(entity)?.startsWith(prefix)) {
      namespaceRefs.set(
        kubernetesNameOf(entity).toLowerCase(),
        stringifyEntityRef(entity).toLowerCase(),
      );
    }
    return declaredCluster && typeof entity.spec?.cluster === 'string'
      ? { ...entity, spec: { ...entity.spec, cluster: declaredCluster } }
      : entity;
  });
  return { entities, namespaceRefs };
}

/** Two names can map to one entity name (e.g. after truncation); keep the first. */
function uniqueByRef(entities: Entity[]): Entity[] {
  const seen = new Set<string>();
  return entities.filter(entity => {
    const ref = stringifyEntityRef(entity).toLowerCase();
    if (seen.has(ref)) return false;
    seen.add(ref);
    return true;
  });
}
