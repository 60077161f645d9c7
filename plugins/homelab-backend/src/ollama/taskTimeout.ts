/** The shortest timeout a scheduled task gets; an interval must leave room for it. */
export const MIN_TASK_TIMEOUT_MS = 1000;
/** A task's timeout is at most this share of its interval. */
export const TIMEOUT_SHARE = 0.8;

/**
 * The timeout of a task that runs every `intervalMs`: `capMs`, or 80% of the
 * interval when that is shorter, so a run that hangs is given up (and, for a
 * global task, its lock released to another replica) before the next is due.
 * Refuses an interval too short to leave MIN_TASK_TIMEOUT_MS, naming `key`.
 */
export function taskTimeoutMs(
  key: string,
  intervalMs: number,
  capMs: number,
): number {
  const timeout = Math.min(capMs, Math.floor(intervalMs * TIMEOUT_SHARE));
  if (!(timeout >= MIN_TASK_TIMEOUT_MS)) {
    throw new Error(
      `homelab config: ${key} is ${intervalMs} ms, too short for its task's timeout (${
        TIMEOUT_SHARE * 100
      }% of the interval) to be at least ${
        MIN_TASK_TIMEOUT_MS / 1000
      } s; set it to ${Math.ceil(
        MIN_TASK_TIMEOUT_MS / TIMEOUT_SHARE / 1000,
      )} s or more`,
    );
  }
  return timeout;
}
