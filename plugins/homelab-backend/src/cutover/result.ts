import { isError, NotFoundError } from '@backstage/errors';
import type { CheckResult } from './types';

export type Verdict = Omit<CheckResult, 'checkedAt'>;

export const pass = (evidence: string): Verdict => ({
  status: 'pass',
  evidence,
});
export const fail = (evidence: string): Verdict => ({
  status: 'fail',
  evidence,
});
export const unknown = (evidence: string): Verdict => ({
  status: 'unknown',
  evidence,
});

/** A read that failed: a missing object fails the check, anything else leaves it unknown. */
export function fromError(error: unknown, missing: string): Verdict {
  if (
    isError(error) &&
    (error.name === 'NotFoundError' || error instanceof NotFoundError)
  )
    return fail(missing);
  return unknown(
    `could not check: ${isError(error) ? error.message : String(error)}`,
  );
}
