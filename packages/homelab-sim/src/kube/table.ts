import type { KubeObject } from '../cluster/types';
import { humanAge } from '../duration';

interface Column {
  name: string;
  type?: string;
  format?: string;
  priority?: number;
  cell: (o: KubeObject) => string | number;
}

const age = (o: KubeObject) =>
  humanAge(Date.now() - Date.parse(o.metadata.creationTimestamp ?? ''));
const name: Column = {
  name: 'Name',
  format: 'name',
  cell: o => o.metadata.name,
};
const ageCol: Column = { name: 'Age', cell: age };

function podStatus(p: KubeObject): string {
  for (const c of p.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
    if (c.state?.terminated?.reason) return c.state.terminated.reason;
  }
  return p.status?.phase ?? 'Unknown';
}

function podRestarts(p: KubeObject): string {
  const statuses: any[] = p.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const last = statuses
    .map(c => c.lastState?.terminated?.finishedAt)
    .filter(Boolean)
    .sort()
    .pop();
  return last && restarts
    ? `${restarts} (${humanAge(Date.now() - Date.parse(last))} ago)`
    : String(restarts);
}

function servicePorts(s: KubeObject): string {
  const ports: any[] = s.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports
    .map(
      p =>
        `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
}

function externalIP(s: KubeObject): string {
  const ingress: any[] = s.status?.loadBalancer?.ingress ?? [];
  if (s.spec?.type === 'LoadBalancer')
    return ingress.length
      ? ingress.map(i => i.ip ?? i.hostname).join(',')
      : '<pending>';
  return (s.spec?.externalIPs ?? []).join(',') || '<none>';
}

function nodeRoles(n: KubeObject): string {
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter(l => l.startsWith('node-role.kubernetes.io/'))
    .map(l => l.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : '<none>';
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    name,
    {
      name: 'Ready',
      cell: p =>
        `${
          (p.status?.containerStatuses ?? []).filter((c: any) => c.ready).length
        }/${p.spec?.containers?.length ?? 0}`,
    },
    { name: 'Status', cell: podStatus },
    { name: 'Restarts', cell: podRestarts },
    ageCol,
    { name: 'IP', priority: 1, cell: p => p.status?.podIP ?? '<none>' },
    { name: 'Node', priority: 1, cell: p => p.spec?.nodeName ?? '<none>' },
    {
      name: 'Nominated Node',
      priority: 1,
      cell: p => p.status?.nominatedNodeName ?? '<none>',
    },
    { name: 'Readiness Gates', priority: 1, cell: () => '<none>' },
  ],
  Deployment: [
    name,
    {
      name: 'Ready',
      cell: d => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
    },
    {
      name: 'Up-to-date',
      type: 'integer',
      cell: d => d.status?.updatedReplicas ?? 0,
    },
    {
      name: 'Available',
      type: 'integer',
      cell: d => d.status?.availableReplicas ?? 0,
    },
    ageCol,
    {
      name: 'Containers',
      priority: 1,
      cell: d =>
        (d.spec?.template?.spec?.containers ?? [])
          .map((c: any) => c.name)
          .join(','),
    },
    {
      name: 'Images',
      priority: 1,
      cell: d =>
        (d.spec?.template?.spec?.containers ?? [])
          .map((c: any) => c.image)
          .join(','),
    },
    {
      name: 'Selector',
      priority: 1,
      cell: d =>
        Object.entries(d.spec?.selector?.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
    },
  ],
  Node: [
    name,
    {
      name: 'Status',
      cell: n =>
        n.status?.conditions?.find((c: any) => c.type === 'Ready')?.status ===
        'True'
          ? 'Ready'
          : 'NotReady',
    },
    { name: 'Roles', cell: nodeRoles },
    ageCol,
    { name: 'Version', cell: n => n.status?.nodeInfo?.kubeletVersion ?? '' },
    {
      name: 'Internal-IP',
      priority: 1,
      cell: n =>
        n.status?.addresses?.find((a: any) => a.type === 'InternalIP')
          ?.address ?? '<none>',
    },
    { name: 'External-IP', priority: 1, cell: () => '<none>' },
    {
      name: 'OS-Image',
      priority: 1,
      cell: n => n.status?.nodeInfo?.osImage ?? '',
    },
    {
      name: 'Kernel-Version',
      priority: 1,
      cell: n => n.status?.nodeInfo?.kernelVersion ?? '',
    },
    {
      name: 'Container-Runtime',
      priority: 1,
      cell: n => n.status?.nodeInfo?.containerRuntimeVersion ?? '',
    },
  ],
  Service: [
    name,
    { name: 'Type', cell: s => s.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: s => s.spec?.clusterIP ?? '<none>' },
    { name: 'External-IP', cell: externalIP },
    { name: 'Port(s)', cell: servicePorts },
    ageCol,
    {
      name: 'Selector',
      priority: 1,
      cell: s =>
        Object.entries(s.spec?.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>',
    },
  ],
  Event: [
    {
      name: 'Last Seen',
      cell: e =>
        humanAge(
          Date.now() -
            Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp),
        ),
    },
    { name: 'Type', cell: e => e.type ?? '' },
    { name: 'Reason', cell: e => e.reason ?? '' },
    {
      name: 'Object',
      cell: e =>
        `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${
          e.involvedObject?.name ?? ''
        }`,
    },
    { name: 'Message', cell: e => e.message ?? '' },
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: r => r.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', cell: r => r.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', cell: r => r.status?.readyReplicas ?? 0 },
    ageCol,
  ],
  StatefulSet: [
    name,
    {
      name: 'Ready',
      cell: s => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`,
    },
    ageCol,
  ],
  Namespace: [
    name,
    { name: 'Status', cell: n => n.status?.phase ?? 'Active' },
    ageCol,
  ],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Does the Accept header ask for a server-side Table, as kubectl's `get` does? */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some(part => {
    const params = part.split(';').map(p => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
}

/** A meta.k8s.io/v1 Table of `objects`, as `kubectl get` receives it. */
export function toTable(
  kind: string,
  objects: KubeObject[],
  include: IncludeObject,
  resourceVersion: string,
) {
  const columns = COLUMNS[kind] ?? [name, ageCol];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type ?? 'string',
      format: c.format ?? '',
      description:
        c.name === 'Name' ? 'Name must be unique within a namespace.' : '',
      priority: c.priority ?? 0,
    })),
    rows: objects.map(o => ({
      cells: columns.map(c => c.cell(o)),
      ...(include === 'None'
        ? {}
        : {
            object:
              include === 'Object'
                ? o
                : {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: o.metadata,
                  },
          }),
    })),
  };
}
