import { formatBytes } from '../limits';
import type { PlanReadLimits } from './planReadLimits';

/** A plan that was not read; the message names the rule and no host path. */
export class PlanRefusedError extends Error {
  readonly name = 'PlanRefusedError';
}

/** `shown` is over homelab.phases.maxBytes, whichever way it is read. */
export function planTooLarge(
  shown: string,
  limits: Pick<PlanReadLimits, 'maxBytes'>,
): PlanRefusedError {
  return new PlanRefusedError(
    `${shown} is larger than homelab.phases.maxBytes (${formatBytes(
      limits.maxBytes,
    )}); split the plan or raise the limit`,
  );
}

/** `shown` was not read within homelab.phases.readTimeout. */
export function planTimedOut(
  shown: string,
  limits: Pick<PlanReadLimits, 'readTimeoutMs'>,
): PlanRefusedError {
  return new PlanRefusedError(
    `${shown} was not read within homelab.phases.readTimeout (${
      limits.readTimeoutMs / 1000
    } s)`,
  );
}
