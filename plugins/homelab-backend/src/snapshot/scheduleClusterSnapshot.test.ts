import { mockServices } from '@backstage/backend-test-utils';
import { readSnapshotConfig } from './config';
import {
  scheduleClusterSnapshot,
  SNAPSHOT_TASK_ID,
} from './scheduleClusterSnapshot';
import { ConfigReader } from '@backstage/config';

describe('scheduleClusterSnapshot', () => {
  const cluster = {
    listNodes: jest.fn(async () => [{ metadata: { name: 'node-1' } }]),
    listAllPods: jest.fn(async () => []),
  };

  it('reads the cluster every homelab.snapshot.interval in this instance, with a timeout below it', async () => {
    const scheduler = mockServices.scheduler.mock();
    const settings = readSnapshotConfig(
      new ConfigReader({ homelab: { snapshot: { interval: '10s' } } }),
    );
    const snapshot = await scheduleClusterSnapshot({
      scheduler,
      settings,
      cluster,
      logger: mockServices.logger.mock(),
    });
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: SNAPSHOT_TASK_ID,
      scope: 'local',
      frequency: { milliseconds: 10_000 },
      timeout: { milliseconds: 8_000 },
    });
    expect(snapshot.latest()).toBeUndefined();
    await task.fn(new AbortController().signal);
    expect(snapshot.latest()?.nodes).toEqual([
      { metadata: { name: 'node-1' } },
    ]);
    expect(snapshot.intervalSeconds).toBe(10);
  });

  it('defaults to 15 s and refuses an interval too short for its timeout, naming the setting', () => {
    expect(readSnapshotConfig(new ConfigReader({})).intervalMs).toBe(15_000);
    expect(() =>
      readSnapshotConfig(
        new ConfigReader({ homelab: { snapshot: { interval: '500ms' } } }),
      ),
    ).toThrow(/homelab\.snapshot\.interval is 500 ms, too short/);
    expect(() =>
      readSnapshotConfig(
        new ConfigReader({ homelab: { snapshot: { interval: 'soon' } } }),
      ),
    ).toThrow(/homelab\.snapshot\.interval is not a duration/);
  });

  it('schedules nothing without a cluster, and says why there is no reading', async () => {
    const scheduler = mockServices.scheduler.mock();
    const snapshot = await scheduleClusterSnapshot({
      scheduler,
      settings: readSnapshotConfig(new ConfigReader({})),
      logger: mockServices.logger.mock(),
    });
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    expect(snapshot.lastError()).toMatch(/homelab\.cluster is not set/);
  });
});
