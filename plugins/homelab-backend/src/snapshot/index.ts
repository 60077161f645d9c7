export { readSnapshotConfig } from './config';
export type { SnapshotConfig } from './config';
export { clusterFromConfig } from './clusterFromConfig';
export { SharedClusterSnapshot } from './SharedClusterSnapshot';
export {
  scheduleClusterSnapshot,
  SNAPSHOT_TASK_ID,
} from './scheduleClusterSnapshot';
export type * from './types';
