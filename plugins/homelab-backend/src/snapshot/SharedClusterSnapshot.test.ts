import { mockServices } from '@backstage/backend-test-utils';
import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import { ClusterClient, type KubePod } from '@internal/plugin-homelab-node';
import { simConfig } from '../__testUtils__/simConfig';
import { SharedClusterSnapshot } from './SharedClusterSnapshot';
import type { SnapshotClusterReader } from './types';

const logger = mockServices.logger.mock();

describe('SharedClusterSnapshot against the stand-in', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    sim = (await startTestSim()).sim;
  });
  afterAll(() => sim.close());

  it('reads the nodes and the pods of every namespace as kubectl lists them', async () => {
    const snapshot = new SharedClusterSnapshot({
      cluster: ClusterClient.fromConfig(simConfig(sim)),
      intervalMs: 15_000,
      logger,
    });
    expect(snapshot.latest()).toBeUndefined();
    await snapshot.refresh();
    const reading = snapshot.latest()!;
    expect(reading.nodes.map(n => n.metadata.name)).toEqual([
      'node-1',
      'node-2',
      'node-3',
    ]);
    // The reference: the stand-in's own cluster-wide list, as `kubectl get pods -A` reads it.
    const names = (pods: KubePod[]) =>
      pods.map(p => `${p.metadata.namespace}/${p.metadata.name}`).sort();
    const direct = await ClusterClient.fromConfig(simConfig(sim)).listAllPods();
    expect(names(reading.pods)).toEqual(names(direct));
    expect(new Set(reading.pods.map(p => p.metadata.namespace)).size).toBe(
      new Set(direct.map(p => p.metadata.namespace)).size,
    );
    expect(snapshot.lastError()).toBeUndefined();
    expect(snapshot.intervalSeconds).toBe(15);
  });

  it('makes one list of nodes and one of pods per refresh, however many ask at once', async () => {
    const snapshot = new SharedClusterSnapshot({
      cluster: ClusterClient.fromConfig(simConfig(sim)),
      intervalMs: 15_000,
      logger,
    });
    const count = (key: string) => sim.requestCounts()[key] ?? 0;
    const before = [
      count('kube GET /api/v1/nodes'),
      count('kube GET /api/v1/pods'),
    ];
    await Promise.all(Array.from({ length: 10 }, () => snapshot.refresh()));
    expect(count('kube GET /api/v1/nodes')).toBe(before[0] + 1);
    expect(count('kube GET /api/v1/pods')).toBe(before[1] + 1);
  });
});

describe('SharedClusterSnapshot when the cluster fails', () => {
  const node = { metadata: { name: 'node-1' } };
  const pod = { metadata: { name: 'web-1', namespace: 'web' } };

  it('keeps the previous reading and says why the latest failed, until a reading succeeds', async () => {
    let down = false;
    const cluster: SnapshotClusterReader = {
      listNodes: async () => [node],
      listAllPods: async () => {
        if (down)
          throw new Error(
            'Kubernetes cluster homelab at 10.0.0.1:6443 is unreachable',
          );
        return [pod];
      },
    };
    let now = new Date('2026-12-02T03:00:00Z');
    const snapshot = new SharedClusterSnapshot({
      cluster,
      intervalMs: 15_000,
      logger,
      now: () => now,
    });
    await snapshot.refresh();
    down = true;
    now = new Date('2026-12-02T03:00:15Z');
    await snapshot.refresh();
    expect(snapshot.latest()).toEqual({
      readAt: new Date('2026-12-02T03:00:00Z'),
      nodes: [node],
      pods: [pod],
    });
    expect(snapshot.lastError()).toBe(
      'Kubernetes cluster homelab at 10.0.0.1:6443 is unreachable',
    );
    down = false;
    await snapshot.refresh();
    expect(snapshot.latest()?.readAt).toEqual(now);
    expect(snapshot.lastError()).toBeUndefined();
  });

  it('without homelab.cluster has no reading and says which setting to add', async () => {
    const snapshot = new SharedClusterSnapshot({ intervalMs: 15_000, logger });
    await snapshot.refresh();
    expect(snapshot.latest()).toBeUndefined();
    expect(snapshot.lastError()).toMatch(
      /^homelab\.cluster is not set.*kubernetes\.clusterLocatorMethods/,
    );
  });
});
