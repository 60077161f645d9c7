// Puts a freshly built folder in place of the one a server reads, without emptying it first.
import { existsSync, renameSync, rmSync } from 'node:fs';

/**
 * Two renames on one file system: `current` moves to `aside`, `built` takes its name, then the
 * old one is removed. A reader finds the complete old folder until the second rename and the
 * complete new one after it; only between the two system calls is the name missing. Nothing
 * moves when `built` lacks `mustHold` (a failed build leaves `current` as it was).
 */
export function swapFolder({ built, current, aside, mustHold }) {
  if (!existsSync(`${built}/${mustHold}`)) throw new Error(`the build wrote no ${built}/${mustHold}; ${current} is unchanged`);
  rmSync(aside, { recursive: true, force: true });
  if (existsSync(current)) renameSync(current, aside);
  renameSync(built, current);
  rmSync(aside, { recursive: true, force: true });
}
