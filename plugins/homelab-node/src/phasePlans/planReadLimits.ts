import { type Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** How phase plans are read (`homelab.phases`): the same for every reader of a plan. */
export interface PlanReadLimits {
  /** `homelab.phases.maxBytes`: a larger plan file or URL is refused unread. */
  maxBytes: number;
  /** `homelab.phases.readTimeout`, in milliseconds. */
  readTimeoutMs: number;
}

export const DEFAULT_PLAN_READ_LIMITS: PlanReadLimits = {
  maxBytes: 1024 * 1024,
  readTimeoutMs: 5000,
};

/** `homelab.phases.maxBytes` and `homelab.phases.readTimeout`, with their defaults. */
export function readPlanReadLimits(config: Config): PlanReadLimits {
  const phases = config.getOptionalConfig('homelab.phases');
  const maxBytes =
    phases?.getOptionalNumber('maxBytes') ?? DEFAULT_PLAN_READ_LIMITS.maxBytes;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new InputError(
      'homelab config: phases.maxBytes must be a whole number of bytes, e.g. 1048576 (1 MiB)',
    );
  }
  let readTimeoutMs = DEFAULT_PLAN_READ_LIMITS.readTimeoutMs;
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
