import type { KubeDeployment, KubePod } from '@internal/plugin-homelab-node';
import type { ClusterReader } from './sources';

type Owned = Pick<KubePod, 'metadata'>;
type OwnerRef = NonNullable<Owned['metadata']['ownerReferences']>[number];

/** The owner reference with `controller: true`, the object that manages this one. */
function controllerOf(o: Owned): OwnerRef | undefined {
  return o.metadata.ownerReferences?.find(
    r => r.controller && r.apiVersion?.startsWith('apps/'),
  );
}

/** The object a reference names, unless a newer object took its name (another uid). */
function sameObject<T extends Owned>(ref: OwnerRef, object: T): T | undefined {
  const uid = object.metadata.uid;
  return ref.uid && uid && ref.uid !== uid ? undefined : object;
}

/**
 * The workload that manages a pod, by following ownerReferences as the
 * controllers set them: Pod → ReplicaSet → Deployment, or Pod → StatefulSet.
 * A ReplicaSet no Deployment manages is its own workload. Undefined for
 * other owners (a DaemonSet, a Job) or a pod nothing manages.
 */
export async function ownerWorkload(
  cluster: ClusterReader,
  namespace: string,
  pod: Owned,
): Promise<KubeDeployment | undefined> {
  const owner = controllerOf(pod);
  if (owner?.kind === 'StatefulSet')
    return sameObject(
      owner,
      await cluster.getStatefulSet(namespace, owner.name),
    );
  if (owner?.kind !== 'ReplicaSet') return undefined;
  const replicaSet = sameObject(
    owner,
    await cluster.getReplicaSet(namespace, owner.name),
  );
  const deployment = replicaSet && controllerOf(replicaSet);
  if (deployment?.kind !== 'Deployment') return replicaSet;
  return sameObject(
    deployment,
    await cluster.getDeployment(namespace, deployment.name),
  );
}
