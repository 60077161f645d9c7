import { type Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** The limits homelab-backend reads phase plans with (`homelab.phases`), for the same plans. */
export interface PlanLimits {
  maxBytes: number;
  readTimeoutMs: number;
}

export function readPlanLimits(config: Config): PlanLimits {
  const phases = config.getOptionalConfig('homelab.phases');
  const maxBytes = phases?.getOptionalNumber('maxBytes') ?? 1024 * 1024;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new InputError(
      'homelab config: phases.maxBytes must be a whole number of bytes, e.g. 1048576 (1 MiB)',
    );
  }
  let readTimeoutMs = 5000;
  if (phases?.has('readTimeout')) {
    try {
      readTimeoutMs = durationToMilliseconds(
        readDurationFromConfig(phases, { key: 'readTimeout' }),
      );
    } catch (e) {
      throw new InputError(
        `homelab config: phases.readTimeout is not a duration (${e}); write it as e.g. "5s"`,
      );
    }
  }
  return { maxBytes, readTimeoutMs };
}
