import type { Config } from '@backstage/config';
import {
  OutboundLimits,
  readOutboundLimits,
} from '@internal/plugin-homelab-node';
import { durationMs } from '../config';
import { taskTimeoutMs } from '../ollama/taskTimeout';

export interface CutoverConfig {
  /** Hosts http checks may call directly (`url=`); none by default. */
  allowedHosts: string[];
  /** `homelab.cutover.timeout` and `.maxBytes` of a direct call (defaults 10 s, 8 MiB). */
  limits: OutboundLimits;
  /** `homelab.cutover.interval`, default 15 s. */
  intervalMs: number;
  /** 80% of the interval, at most 1 min. */
  timeoutMs: number;
  /** `homelab.cutover.minGap`, default 5 s, never more than the interval. */
  minGapMs: number;
}

export function readCutoverConfig(config: Config): CutoverConfig {
  const intervalMs = durationMs(config, 'homelab.cutover.interval', {
    seconds: 15,
  });
  const minGapMs = durationMs(config, 'homelab.cutover.minGap', {
    seconds: 5,
  });
  return {
    allowedHosts:
      config.getOptionalStringArray('homelab.cutover.allowedHosts') ?? [],
    limits: readOutboundLimits(config, 'homelab.cutover'),
    intervalMs,
    timeoutMs: taskTimeoutMs('homelab.cutover.interval', intervalMs, 60_000),
    minGapMs: Math.min(minGapMs, intervalMs),
  };
}
