import type { FailureSpec } from '../scenario/types';
import { hexFor, ts, uidFor } from './ids';
import type { KubeObject, OwnerReference } from './types';

export interface PodPlacement {
  name: string;
  namespace: string;
  template: any;
  owner: OwnerReference;
  extraLabels: Record<string, string>;
  node: { name: string; ip: string };
  podIP: string;
  createdMs: number;
  failure?: FailureSpec;
  nodeCount: number;
}

function normalizeImage(image: string): string {
  const withTag =
    /:[^/]+$/.test(image) || image.includes('@') ? image : `${image}:latest`;
  const first = withTag.split('/')[0];
  const hasRegistry =
    withTag.includes('/') && (first.includes('.') || first.includes(':'));
  if (hasRegistry) return withTag;
  return withTag.includes('/')
    ? `docker.io/${withTag}`
    : `docker.io/library/${withTag}`;
}

function qosClass(containers: any[]): string {
  const res = containers.map(c => c.resources ?? {});
  if (res.every(r => !r.requests && !r.limits)) return 'BestEffort';
  const guaranteed = res.every(
    r =>
      r.limits?.cpu &&
      r.limits?.memory &&
      (!r.requests ||
        ((r.requests.cpu ?? r.limits.cpu) === r.limits.cpu &&
          (r.requests.memory ?? r.limits.memory) === r.limits.memory)),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function condition(
  type: string,
  status: string,
  at: string,
  reason?: string,
  message?: string,
) {
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function runningStatus(c: any, podName: string, startedAt: string) {
  const image = normalizeImage(c.image ?? 'unknown');
  return {
    name: c.name,
    image,
    imageID: `${image.replace(/:[^/:]+$/, '')}@sha256:${hexFor(
      `image/${image}`,
    )}`,
    containerID: `containerd://${hexFor(`container/${podName}/${c.name}`)}`,
    ready: true,
    started: true,
    restartCount: 0,
    lastState: {},
    state: { running: { startedAt } },
  };
}

/** A pod as the kubelet would report it, healthy or failing as the scenario says. */
export function buildPod(p: PodPlacement): KubeObject {
  const uid = uidFor(`pod/${p.namespace}/${p.name}`);
  const created = ts(p.createdMs);
  const started = ts(p.createdMs + 4000);
  const ready = ts(p.createdMs + 9000);
  const tmplSpec = p.template?.spec ?? {};
  const containers: any[] = tmplSpec.containers ?? [];
  const failure = p.failure?.kind;
  const spec = {
    ...tmplSpec,
    ...(failure === 'pendingMemory' ? {} : { nodeName: p.node.name }),
    restartPolicy: tmplSpec.restartPolicy ?? 'Always',
    dnsPolicy: tmplSpec.dnsPolicy ?? 'ClusterFirst',
    schedulerName: tmplSpec.schedulerName ?? 'default-scheduler',
    serviceAccountName: tmplSpec.serviceAccountName ?? 'default',
    terminationGracePeriodSeconds: tmplSpec.terminationGracePeriodSeconds ?? 30,
  };
  const metadata = {
    name: p.name,
    namespace: p.namespace,
    uid,
    creationTimestamp: created,
    generateName: p.name.replace(/[^-]+$/, ''),
    labels: { ...(p.template?.metadata?.labels ?? {}), ...p.extraLabels },
    annotations: p.template?.metadata?.annotations,
    ownerReferences: [p.owner],
  };
  const base = { apiVersion: 'v1', kind: 'Pod', metadata, spec };
  const qos = qosClass(containers);

  if (failure === 'pendingMemory') {
    const message = `0/${p.nodeCount} nodes are available: ${p.nodeCount} Insufficient memory.`;
    return {
      ...base,
      status: {
        phase: 'Pending',
        conditions: [
          condition('PodScheduled', 'False', created, 'Unschedulable', message),
        ],
        qosClass: qos,
      },
    };
  }

  const statuses = containers.map(c => runningStatus(c, p.name, started));
  const first = statuses[0];
  let conditions = [
    condition('PodReadyToStartContainers', 'True', started),
    condition('Initialized', 'True', created),
    condition('Ready', 'True', ready),
    condition('ContainersReady', 'True', ready),
    condition('PodScheduled', 'True', created),
  ];
  let phase = 'Running';
  if (failure && first) {
    const notReady = `containers with unready status: [${first.name}]`;
    conditions = conditions.map(c =>
      c.type === 'Ready' || c.type === 'ContainersReady'
        ? condition(c.type, 'False', ready, 'ContainersNotReady', notReady)
        : c,
    );
    Object.assign(first, { ready: false, started: false });
    if (failure === 'crashLoop') {
      Object.assign(first, {
        restartCount: 7,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 5m0s restarting failed container=${first.name} pod=${p.name}_${p.namespace}(${uid})`,
          },
        },
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: ts(Date.now() - 6 * 60_000),
            finishedAt: ts(Date.now() - 5 * 60_000),
            containerID: first.containerID,
          },
        },
      });
    } else {
      const image = p.failure?.image ?? containers[0].image;
      phase = 'Pending';
      conditions = conditions.filter(
        c => c.type !== 'PodReadyToStartContainers',
      );
      Object.assign(first, {
        image,
        imageID: '',
        containerID: undefined,
        state: {
          waiting: {
            reason: 'ImagePullBackOff',
            message: `Back-off pulling image "${image}"`,
          },
        },
      });
      delete (first as any).containerID;
    }
  }
  return {
    ...base,
    status: {
      phase,
      conditions,
      hostIP: p.node.ip,
      hostIPs: [{ ip: p.node.ip }],
      podIP: p.podIP,
      podIPs: [{ ip: p.podIP }],
      startTime: created,
      containerStatuses: statuses,
      qosClass: qos,
    },
  };
}
