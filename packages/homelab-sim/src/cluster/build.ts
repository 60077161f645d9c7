import { isNamespacedKind } from '../kube/resources';
import type {
  FailureSpec,
  ResolvedScenario,
  StepSpec,
} from '../scenario/types';
import { endpointSliceFor } from './endpointSlices';
import { hexFor, ts, uidFor } from './ids';
import { buildNode } from './nodes';
import { fillRouteStatus } from './routes';
import { applyStep } from './steps';
import type { KubeObject } from './types';
import {
  expandDaemonSet,
  expandDeployment,
  expandStatefulSet,
  PodFactory,
} from './workloads';

const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

function standIn(f: FailureSpec): KubeObject {
  const labels = { 'app.kubernetes.io/name': f.workload };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: f.workload, namespace: f.namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { name: f.workload, image: f.image ?? `${f.workload}:latest` },
          ],
        },
      },
    },
  };
}

function namespaceObject(name: string, createdMs: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
    _created: createdMs,
  };
}

function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function isReady(pod: KubeObject): boolean {
  return (
    pod.status?.conditions?.some(
      (c: any) => c.type === 'Ready' && c.status === 'True',
    ) ?? false
  );
}

function endpointsFor(svc: KubeObject, pods: KubeObject[]): KubeObject {
  const selected = pods.filter(
    p =>
      p.metadata.namespace === svc.metadata.namespace &&
      p.status?.podIP &&
      selects(svc.spec?.selector, p.metadata.labels),
  );
  const address = (p: KubeObject) => ({
    ip: p.status.podIP,
    nodeName: p.spec.nodeName,
    targetRef: {
      kind: 'Pod',
      name: p.metadata.name,
      namespace: p.metadata.namespace,
      uid: p.metadata.uid,
    },
  });
  const ports = (svc.spec?.ports ?? []).map((port: any) => ({
    ...(port.name ? { name: port.name } : {}),
    port: typeof port.targetPort === 'number' ? port.targetPort : port.port,
    protocol: port.protocol ?? 'TCP',
  }));
  const ready = selected.filter(isReady).map(address);
  const notReady = selected.filter(p => !isReady(p)).map(address);
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata.name,
      namespace: svc.metadata.namespace,
      labels: svc.metadata.labels,
      creationTimestamp: svc.metadata.creationTimestamp,
    },
    subsets: selected.length
      ? [
          {
            ...(ready.length ? { addresses: ready } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady } : {}),
            ports,
          },
        ]
      : undefined,
  };
}

function fillService(svc: KubeObject, index: number, nodeIPs: string[]) {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  if (spec.clusterIP !== 'None')
    spec.clusterIP ??= `10.43.${(index * 37) % 250}.${
      10 + ((index * 53) % 240)
    }`;
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  for (const port of spec.ports ?? []) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
      port.nodePort ??= 30000 + ((index * 97 + port.port) % 2767);
  }
  svc.status =
    spec.type === 'LoadBalancer'
      ? {
          loadBalancer: { ingress: nodeIPs.map(ip => ({ ip, ipMode: 'VIP' })) },
        }
      : { loadBalancer: {} };
}

function fillPvc(pvc: KubeObject) {
  const storage = pvc.spec?.resources?.requests?.storage ?? '1Gi';
  pvc.spec = {
    volumeMode: 'Filesystem',
    storageClassName: 'local-path',
    ...pvc.spec,
    volumeName: `pvc-${uidFor(
      `pvc/${pvc.metadata.namespace}/${pvc.metadata.name}`,
    )}`,
  };
  pvc.status = {
    phase: 'Bound',
    accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
    capacity: { storage },
  };
}

/**
 * Builds everything the API serves from the manifests and the scenario: the
 * manifest objects, namespaces, nodes, and what controllers would have made
 * (ReplicaSets, Pods, Endpoints, Events, statuses).
 */
export function buildCluster(
  manifests: KubeObject[],
  scenario: ResolvedScenario,
  log: (m: string) => void,
  step?: StepSpec,
): KubeObject[] {
  const createdMs = Date.now() - scenario.ageMs;
  const objects: KubeObject[] = structuredClone(manifests).map(o => {
    if (isNamespacedKind(o.kind)) o.metadata.namespace ??= 'default';
    return o;
  });
  const workload = (f: FailureSpec) =>
    objects.find(
      o =>
        (o.kind === 'Deployment' || o.kind === 'StatefulSet') &&
        o.metadata.namespace === f.namespace &&
        o.metadata.name === f.workload,
    );
  for (const f of scenario.failures) {
    if (!workload(f)) {
      log(
        `scenario ${scenario.name}: no workload ${f.namespace}/${f.workload} in the manifests; adding a stand-in Deployment to show ${f.kind}`,
      );
      objects.push(standIn(f));
    }
  }
  const nsNames = new Set([
    ...SYSTEM_NAMESPACES,
    ...objects.map(o => o.metadata.namespace).filter((n): n is string => !!n),
  ]);
  for (const o of objects)
    if (o.kind === 'Namespace') nsNames.delete(o.metadata.name);
  objects.push(...[...nsNames].map(n => namespaceObject(n, createdMs)));
  for (const o of objects) {
    if (o.kind === 'Namespace') {
      o.status = { phase: 'Active' };
      o.metadata.labels = {
        'kubernetes.io/metadata.name': o.metadata.name,
        ...o.metadata.labels,
      };
    }
  }
  const nodes = scenario.nodes.map(n =>
    buildNode(n, createdMs, scenario.kubernetesVersion),
  );
  let podIndex = 0;
  const factory: PodFactory = {
    scenario,
    createdMs,
    nextPlacement() {
      const i = podIndex++;
      const n = scenario.nodes.length ? i % scenario.nodes.length : 0;
      const node = scenario.nodes[n] ?? {
        name: 'node-1',
        internalIP: '192.168.1.11',
      };
      return {
        node: { name: node.name, ip: node.internalIP },
        podIP: `10.42.${n}.${
          10 + Math.floor(i / Math.max(1, scenario.nodes.length))
        }`,
      };
    },
  };
  // Creation times and uids first: owner references need them.
  for (const o of objects) {
    const created = (o._created as number | undefined) ?? createdMs;
    delete o._created;
    o.metadata.creationTimestamp ??= ts(created);
    o.metadata.uid ??= uidFor(
      `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
    );
    if (
      ![
        'Namespace',
        'ConfigMap',
        'Secret',
        'ServiceAccount',
        'Service',
        'Endpoints',
        'PersistentVolumeClaim',
      ].includes(o.kind)
    ) {
      o.metadata.generation ??= 1;
    }
  }
  const derived: KubeObject[] = [];
  for (const o of objects) {
    const failure = scenario.failures.find(
      f =>
        f.namespace === o.metadata.namespace && f.workload === o.metadata.name,
    );
    if (o.kind === 'Deployment')
      derived.push(...expandDeployment(factory, o, failure));
    if (o.kind === 'StatefulSet')
      derived.push(...expandStatefulSet(factory, o, failure));
    if (o.kind === 'DaemonSet') derived.push(...expandDaemonSet(factory, o));
    if (o.kind === 'PersistentVolumeClaim') fillPvc(o);
    if (o.kind === 'HTTPRoute') fillRouteStatus(o);
  }
  applyStep([...objects, ...derived], step);
  const pods = derived.filter(o => o.kind === 'Pod');
  const nodeIPs = scenario.nodes.map(n => n.internalIP);
  objects
    .filter(o => o.kind === 'Service')
    .forEach((svc, i) => {
      fillService(svc, i, nodeIPs);
      if (
        !objects.some(
          o =>
            o.kind === 'Endpoints' &&
            o.metadata.namespace === svc.metadata.namespace &&
            o.metadata.name === svc.metadata.name,
        )
      ) {
        const ep = endpointsFor(svc, pods);
        ep.metadata.uid = uidFor(
          `ep/${svc.metadata.namespace}/${svc.metadata.name}`,
        );
        derived.push(ep, endpointSliceFor(svc, ep));
      }
    });
  for (const o of derived)
    o.metadata.uid ??= uidFor(
      `${o.kind}/${o.metadata.namespace}/${o.metadata.name}/${hexFor(
        o.metadata.name,
        8,
      )}`,
    );
  return [...nodes, ...objects, ...derived];
}
