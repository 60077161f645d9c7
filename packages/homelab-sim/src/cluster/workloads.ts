import type { FailureSpec, ResolvedScenario } from '../scenario/types';
import { failureEvents } from './events';
import { safeSuffix, ts, uidFor } from './ids';
import { buildPod } from './pods';
import type { KubeObject, OwnerReference } from './types';

export interface PodFactory {
  scenario: ResolvedScenario;
  createdMs: number;
  /** Hands out node and pod IP round-robin over the scenario's nodes. */
  nextPlacement(): { node: { name: string; ip: string }; podIP: string };
}

function ownerRef(o: KubeObject): OwnerReference {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    uid: o.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function templateFor(workload: KubeObject, failure?: FailureSpec): any {
  const template = workload.spec?.template ?? {};
  if (failure?.kind !== 'imagePull' || !failure.image) return template;
  const [first, ...rest] = template.spec?.containers ?? [];
  return {
    ...template,
    spec: {
      ...template.spec,
      containers: [{ ...first, image: failure.image }, ...rest],
    },
  };
}

function makePods(
  f: PodFactory,
  owner: KubeObject,
  names: string[],
  extraLabels: Record<string, string>,
  failure: FailureSpec | undefined,
  template: any,
): { pods: KubeObject[]; events: KubeObject[] } {
  const pods = names.map(name =>
    buildPod({
      name,
      namespace: owner.metadata.namespace!,
      template,
      owner: ownerRef(owner),
      extraLabels,
      ...f.nextPlacement(),
      createdMs: failure ? Date.now() - 25 * 60_000 : f.createdMs + 60_000,
      failure,
      nodeCount: f.scenario.nodes.length,
    }),
  );
  const events = failure
    ? pods.flatMap(p => failureEvents(p, failure.kind))
    : [];
  return { pods, events };
}

function readyCount(pods: KubeObject[]): number {
  return pods.filter(p =>
    p.status.conditions?.some(
      (c: any) => c.type === 'Ready' && c.status === 'True',
    ),
  ).length;
}

/** A Deployment, its ReplicaSet and pods, with the statuses the controllers would write. */
export function expandDeployment(
  f: PodFactory,
  d: KubeObject,
  failure?: FailureSpec,
): KubeObject[] {
  const replicas = d.spec?.replicas ?? 1;
  const ns = d.metadata.namespace!;
  const template = templateFor(d, failure);
  const hash = safeSuffix(
    `${ns}/${d.metadata.name}/${JSON.stringify(template)}`,
    10,
  );
  const rsName = `${d.metadata.name}-${hash}`;
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: ns,
      uid: uidFor(`rs/${ns}/${rsName}`),
      creationTimestamp: d.metadata.creationTimestamp,
      generation: 1,
      labels: {
        ...(template.metadata?.labels ?? {}),
        'pod-template-hash': hash,
      },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + 1),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [ownerRef(d)],
    },
    spec: {
      replicas,
      selector: {
        ...d.spec?.selector,
        matchLabels: {
          ...(d.spec?.selector?.matchLabels ?? {}),
          'pod-template-hash': hash,
        },
      },
      template: {
        ...template,
        metadata: {
          ...template.metadata,
          labels: {
            ...(template.metadata?.labels ?? {}),
            'pod-template-hash': hash,
          },
        },
      },
    },
  };
  const names = Array.from(
    { length: replicas },
    (_, i) => `${rsName}-${safeSuffix(`${rsName}/${i}`, 5)}`,
  );
  const { pods, events } = makePods(
    f,
    rs,
    names,
    { 'pod-template-hash': hash },
    failure,
    template,
  );
  const ready = readyCount(pods);
  const available = ready >= replicas || replicas === 0;
  rs.status = {
    replicas,
    fullyLabeledReplicas: replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: 1,
  };
  const since = d.metadata.creationTimestamp;
  d.metadata.annotations = {
    'deployment.kubernetes.io/revision': '1',
    ...d.metadata.annotations,
  };
  d.status = {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    ...(ready < replicas ? { unavailableReplicas: replicas - ready } : {}),
    conditions: [
      available
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastUpdateTime: since,
            lastTransitionTime: since,
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
            lastUpdateTime: ts(Date.now() - 25 * 60_000),
            lastTransitionTime: ts(Date.now() - 25 * 60_000),
          },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
        lastUpdateTime: since,
        lastTransitionTime: since,
      },
    ],
  };
  return [rs, ...pods, ...events];
}

export function expandStatefulSet(
  f: PodFactory,
  s: KubeObject,
  failure?: FailureSpec,
): KubeObject[] {
  const replicas = s.spec?.replicas ?? 1;
  const template = templateFor(s, failure);
  const revision = `${s.metadata.name}-${safeSuffix(
    JSON.stringify(template),
    10,
  )}`;
  const names = Array.from(
    { length: replicas },
    (_, i) => `${s.metadata.name}-${i}`,
  );
  const { pods, events } = makePods(
    f,
    s,
    names,
    { 'controller-revision-hash': revision },
    failure,
    template,
  );
  pods.forEach((p, i) => {
    p.metadata.labels!['apps.kubernetes.io/pod-index'] = String(i);
    p.metadata.labels!['statefulset.kubernetes.io/pod-name'] = p.metadata.name;
    p.spec.hostname = p.metadata.name;
    if (s.spec?.serviceName) p.spec.subdomain = s.spec.serviceName;
  });
  const ready = readyCount(pods);
  s.status = {
    observedGeneration: 1,
    replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    currentReplicas: replicas,
    updatedReplicas: replicas,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
  return [...pods, ...events];
}

export function expandDaemonSet(f: PodFactory, ds: KubeObject): KubeObject[] {
  const template = ds.spec?.template ?? {};
  const names = f.scenario.nodes.map(
    n =>
      `${ds.metadata.name}-${safeSuffix(`${ds.metadata.name}/${n.name}`, 5)}`,
  );
  const { pods } = makePods(
    f,
    ds,
    names,
    { 'controller-revision-hash': safeSuffix(JSON.stringify(template), 10) },
    undefined,
    template,
  );
  const n = pods.length;
  ds.status = {
    currentNumberScheduled: n,
    desiredNumberScheduled: n,
    numberAvailable: n,
    numberMisscheduled: 0,
    numberReady: n,
    observedGeneration: 1,
    updatedNumberScheduled: n,
  };
  return pods;
}
