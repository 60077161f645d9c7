import type { Config } from '@backstage/config';
import { durationMs } from '../config';
import { taskTimeoutMs } from '../ollama/taskTimeout';

export interface SnapshotConfig {
  /** `homelab.snapshot.interval`, default 15 s. */
  intervalMs: number;
  /** 80% of the interval, at most 1 min: a hung read is given up before the next is due. */
  timeoutMs: number;
}

export function readSnapshotConfig(config: Config): SnapshotConfig {
  const intervalMs = durationMs(config, 'homelab.snapshot.interval', {
    seconds: 15,
  });
  return {
    intervalMs,
    timeoutMs: taskTimeoutMs('homelab.snapshot.interval', intervalMs, 60_000),
  };
}
