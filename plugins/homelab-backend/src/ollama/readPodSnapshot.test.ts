import { type HomelabSim, startTestSim } from '@internal/homelab-sim';
import {
  ClusterClient,
  type KubeDeployment,
  type KubePod,
  type KubeResourceRequirements,
} from '@internal/plugin-homelab-node';
import { simConfig } from '../__testUtils__/simConfig';
import { ownerWorkload } from './ownerWorkload';
import { readPodSnapshot } from './readPodSnapshot';
import type { ClusterReader } from './sources';

const GiB = 2 ** 30;
const SELECTOR = 'app.kubernetes.io/name=ollama';

function pod(
  resources: (KubeResourceRequirements | undefined)[],
  metadata: Partial<KubePod['metadata']> = {},
): KubePod {
  return {
    metadata: { name: 'ollama-7c9-abcde', namespace: 'ai', ...metadata },
    spec: {
      containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })),
    },
    status: { phase: 'Running' },
  };
}

function workload(
  kind: string,
  name: string,
  resources: KubeResourceRequirements,
  owner?: { kind: string; name: string; uid?: string },
): KubeDeployment {
  return {
    kind,
    metadata: {
      name,
      namespace: 'ai',
      uid: `uid-${name}`,
      ownerReferences: owner && [
        { apiVersion: 'apps/v1', controller: true, ...owner },
      ],
    },
    spec: {
      template: { spec: { containers: [{ name: 'ollama', resources }] } },
    },
  };
}

/** A cluster that serves the given pod and workloads, and fails reads of anything else. */
function cluster(p: KubePod, workloads: KubeDeployment[] = []): ClusterReader {
  const get = (kind: string) => async (_ns: string, name: string) => {
    const found = workloads.find(
      w => w.kind === kind && w.metadata.name === name,
    );
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  return {
    listPods: async () => [p],
    getDeployment: jest.fn(get('Deployment')),
    getReplicaSet: jest.fn(get('ReplicaSet')),
    getStatefulSet: jest.fn(get('StatefulSet')),
    listPodMetrics: async () => [],
    listNodes: async () => [],
  };
}

const owned = (kind: string, name: string) => ({
  ownerReferences: [
    { apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller: true },
  ],
});

describe('the Ollama pod as the card sees it', () => {
  it('has no memory limit when one of its containers sets none, even if another does', async () => {
    const snapshot = await readPodSnapshot(
      cluster(
        pod([
          { limits: { memory: '6Gi', cpu: '4' } },
          { requests: { memory: '64Mi' } },
        ]),
      ),
      'ai',
      SELECTOR,
    );
    expect(snapshot?.limits).toEqual({});
    expect(snapshot?.requests.memoryBytes).toBe(6 * GiB + 64 * 2 ** 20);
  });

  it('has no CPU limit when its only container limits memory alone', async () => {
    const snapshot = await readPodSnapshot(
      cluster(pod([{ requests: { cpu: '2' }, limits: { memory: '6Gi' } }])),
      'ai',
      SELECTOR,
    );
    expect(snapshot?.limits).toEqual({ memoryBytes: 6 * GiB });
  });

  it('sums the limits when every container sets one, and counts a limit without a request as the request', async () => {
    const snapshot = await readPodSnapshot(
      cluster(
        pod([
          { limits: { memory: '6Gi', cpu: '3' } },
          { requests: { cpu: '100m' }, limits: { memory: '1Gi', cpu: '500m' } },
        ]),
      ),
      'ai',
      SELECTOR,
    );
    expect(snapshot?.limits).toEqual({
      memoryBytes: 7 * GiB,
      cpuMillicores: 3500,
    });
    expect(snapshot?.requests).toEqual({
      memoryBytes: 7 * GiB,
      cpuMillicores: 3100,
    });
  });

  it('reads the resources of the Deployment that owns the pod through its ReplicaSet, whatever the pod is labelled', async () => {
    const reader = cluster(
      pod([undefined], {
        labels: { 'app.kubernetes.io/name': 'something-else' },
        ...owned('ReplicaSet', 'llm-5d8f'),
      }),
      [
        workload(
          'ReplicaSet',
          'llm-5d8f',
          {},
          {
            kind: 'Deployment',
            name: 'llm',
            uid: 'uid-llm',
          },
        ),
        workload('Deployment', 'llm', { limits: { memory: '8Gi' } }),
      ],
    );
    const snapshot = await readPodSnapshot(reader, 'ai', SELECTOR);
    expect(snapshot?.limits.memoryBytes).toBe(8 * GiB);
    expect(reader.getDeployment).toHaveBeenCalledWith('ai', 'llm');
    expect(reader.getDeployment).not.toHaveBeenCalledWith(
      'ai',
      'something-else',
    );
  });

  it('reads the resources of the StatefulSet that owns the pod', async () => {
    const snapshot = await readPodSnapshot(
      cluster(pod([undefined], owned('StatefulSet', 'ollama')), [
        workload('StatefulSet', 'ollama', { limits: { memory: '12Gi' } }),
      ]),
      'ai',
      SELECTOR,
    );
    expect(snapshot?.limits.memoryBytes).toBe(12 * GiB);
  });

  it('does not take the resources of a newer object that reuses the owner name', async () => {
    const replaced = workload('StatefulSet', 'ollama', {
      limits: { memory: '12Gi' },
    });
    replaced.metadata.uid = 'uid-of-a-newer-statefulset';
    const snapshot = await readPodSnapshot(
      cluster(pod([undefined], owned('StatefulSet', 'ollama')), [replaced]),
      'ai',
      SELECTOR,
    );
    expect(snapshot?.limits).toEqual({});
  });
});

describe('the Ollama workload on the stand-in API server', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    sim = (await startTestSim()).sim;
  });
  afterAll(() => sim.close());

  it('is found from the pod through its ReplicaSet to the Deployment', async () => {
    const client = ClusterClient.fromConfig(simConfig(sim));
    const [ollamaPod] = await client.listPods('ai', SELECTOR);
    const found = await ownerWorkload(client, 'ai', ollamaPod);
    expect(found).toMatchObject({
      kind: 'Deployment',
      metadata: { name: 'ollama', namespace: 'ai' },
    });
  });
});
