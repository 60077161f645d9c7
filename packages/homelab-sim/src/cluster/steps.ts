import type { StepSpec } from '../scenario/types';
import type { KubeObject } from './types';

const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

function ownedBy(o: KubeObject, owner: KubeObject): boolean {
  return !!o.metadata.ownerReferences?.some(r => r.uid === owner.metadata.uid);
}

/** A pod whose containers run but whose readiness probe has not passed yet. */
function markNotReady(pod: KubeObject) {
  const names = (pod.status.containerStatuses ?? []).map((c: any) => c.name);
  const message = `containers with unready status: [${names.join(' ')}]`;
  for (const c of pod.status.conditions ?? []) {
    if (c.type === 'Ready' || c.type === 'ContainersReady') {
      Object.assign(c, {
        status: 'False',
        reason: 'ContainersNotReady',
        message,
      });
    }
  }
  for (const c of pod.status.containerStatuses ?? []) c.ready = false;
}

function setReady(objects: KubeObject[], workload: KubeObject, ready: number) {
  const owners = [
    workload,
    ...objects.filter(o => o.kind === 'ReplicaSet' && ownedBy(o, workload)),
  ];
  const pods = objects.filter(
    o => o.kind === 'Pod' && owners.some(owner => ownedBy(o, owner)),
  );
  pods.slice(ready).forEach(markNotReady);
  const n = Math.min(ready, pods.length);
  const replicas = workload.status?.replicas ?? pods.length;
  for (const owner of owners) {
    Object.assign(owner.status ?? {}, {
      readyReplicas: n,
      availableReplicas: n,
    });
    if (n < replicas && owner.kind === 'Deployment') {
      owner.status.unavailableReplicas = replicas - n;
      owner.status.conditions = [
        {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${owners[1]?.metadata.name}" is progressing.`,
        },
      ];
    }
  }
}

/**
 * Applies what a cutover step says is not in place yet, after the
 * controllers' healthy picture is built and before Endpoints follow pod
 * readiness.
 */
export function applyStep(objects: KubeObject[], step: StepSpec | undefined) {
  if (!step) return;
  for (const [name, ready] of Object.entries(step.ready ?? {})) {
    const workload = objects.find(
      o =>
        (o.kind === 'Deployment' || o.kind === 'StatefulSet') &&
        key(o) === name,
    );
    if (workload) setReady(objects, workload, ready);
  }
  for (const o of objects) {
    const phase = o.kind === 'PersistentVolumeClaim' && step.pvcs?.[key(o)];
    if (phase) {
      delete o.spec.volumeName;
      o.status = { phase };
    }
    const route = o.kind === 'HTTPRoute' && step.routes?.[key(o)];
    if (route) {
      for (const parent of o.status?.parents ?? []) {
        for (const c of parent.conditions) {
          const reason = route[c.type as 'Accepted' | 'ResolvedRefs'];
          if (reason)
            Object.assign(c, { status: 'False', reason, message: reason });
        }
      }
    }
  }
}
