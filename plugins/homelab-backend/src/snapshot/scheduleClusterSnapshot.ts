import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { SnapshotConfig } from './config';
import { SharedClusterSnapshot } from './SharedClusterSnapshot';
import type { ClusterSnapshot, SnapshotClusterReader } from './types';

export const SNAPSHOT_TASK_ID = 'homelab-cluster-snapshot';

/**
 * Builds the one cluster snapshot of this backend and schedules its reading
 * every `homelab.snapshot.interval`. The scope is local: the reading lives in
 * this instance's memory, so each replica keeps its own (one list of nodes
 * and one of pods per interval each), whatever the number of viewers.
 */
export async function scheduleClusterSnapshot(options: {
  scheduler: SchedulerService;
  settings: SnapshotConfig;
  cluster?: SnapshotClusterReader;
  logger: LoggerService;
}): Promise<ClusterSnapshot> {
  const { scheduler, settings, cluster, logger } = options;
  const snapshot = new SharedClusterSnapshot({
    cluster,
    intervalMs: settings.intervalMs,
    logger,
  });
  if (!cluster) {
    logger.warn(snapshot.lastError()!);
    return snapshot;
  }
  await scheduler.scheduleTask({
    id: SNAPSHOT_TASK_ID,
    scope: 'local',
    frequency: { milliseconds: settings.intervalMs },
    timeout: { milliseconds: settings.timeoutMs },
    fn: () => snapshot.refresh(),
  });
  return snapshot;
}
