import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DeclaredEntities, isDeclared } from './declared';
import { kubernetesKey } from './names';

/**
 * The discovered entities to apply: none that is declared, each once, nodes and
 * namespaces pointed at the declared cluster when the repository declares it.
 */
export function preferDeclared(
  discovered: Entity[],
  declared: DeclaredEntities,
  clusterName: string | undefined,
): Entity[] {
  const declaredCluster =
    clusterName === undefined
      ? undefined
      : declared.kubernetes.get(
          kubernetesKey('kubernetes-cluster', clusterName),
        );
  return uniqueByRef(
    discovered.filter(entity => !isDeclared(entity, declared)),
  ).map(entity =>
    declaredCluster && typeof entity.spec?.cluster === 'string'
      ? { ...entity, spec: { ...entity.spec, cluster: declaredCluster } }
      : entity,
  );
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
