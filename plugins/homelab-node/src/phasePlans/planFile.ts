import { constants, promises as fs } from 'node:fs';
import { isChildPath } from '@backstage/backend-plugin-api';
import type { PlanReadLimits } from './planReadLimits';
import {
  planTimedOut,
  planTooLarge,
  PlanRefusedError,
} from './planRefusedError';

/** Where a plan file may be and how messages speak of it. */
export interface PlanFileRules {
  /** What messages call the file: a quoted repository path, or the annotation with its value. */
  shown: string;
  /** Folders the file's real path (links resolved) must be inside. */
  roots: string[];
  /** Ends "… resolves outside": which folders those are and the fix. */
  rootsDescribed: string;
  limits: PlanReadLimits;
}

export interface OpenedPlanFile {
  /** The file's real path, links resolved: a cache key. */
  realPath: string;
  /** Modification time and size: a new version means parse again. */
  version: string;
  read(): Promise<string>;
}

const CHUNK = 64 * 1024;

function codeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Opens the plan at `path` only when its real path is inside one of the roots,
 * ends in .md or .markdown, and is a regular file no larger than
 * `limits.maxBytes`, then hands it to `use`. The open does not block on a FIFO
 * (O_NONBLOCK) and refuses a link swapped in after the check (O_NOFOLLOW);
 * reading stops at `maxBytes` and `readTimeoutMs`. Every refusal is a
 * PlanRefusedError.
 */
export async function withPlanFile<T>(
  path: string,
  rules: PlanFileRules,
  use: (file: OpenedPlanFile) => Promise<T>,
): Promise<T> {
  const { shown, roots, limits } = rules;
  const refuse = (rule: string) => new PlanRefusedError(`${shown} ${rule}`);
  let realPath: string;
  try {
    realPath = await fs.realpath(path);
  } catch (error) {
    throw refuse(
      codeOf(error) === 'ENOENT'
        ? 'does not exist'
        : `could not be resolved (${codeOf(error) ?? 'unknown error'})`,
    );
  }
  if (!roots.some(root => isChildPath(root, realPath))) {
    throw refuse(`resolves outside ${rules.rootsDescribed}`);
  }

  // Checked on the real path: a plan-looking link to a config file or a database is refused.
  if (!/\.(md|markdown)$/i.test(realPath)) {
    throw refuse(
      'is not a markdown file (.md or .markdown once links are resolved); point at the plan itself',
    );
  }

  let handle: fs.FileHandle;
  try {
    handle = await fs.open(
      realPath,
      constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW,
    );
  } catch (error) {
    throw refuse(`could not be opened (${codeOf(error) ?? 'unknown error'})`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw refuse(
        'is not a regular file (a folder, device, FIFO or socket); point at a markdown file',
      );
    }
    const tooLarge = () => planTooLarge(shown, limits);
    if (stat.size > limits.maxBytes) throw tooLarge();
    return await use({
      realPath,
      version: `${stat.mtimeMs}:${stat.size}`,
      read: () =>
        readCapped(handle, limits, tooLarge, () => planTimedOut(shown, limits)),
    });
  } finally {
    await handle.close();
  }
}

/** The plan's markdown, read under `rules` (see withPlanFile). */
export function readPlanFile(path: string, rules: PlanFileRules) {
  return withPlanFile(path, rules, file => file.read());
}

/** Reads the handle to its end, at most `maxBytes`, within `readTimeoutMs`. */
async function readCapped(
  handle: fs.FileHandle,
  limits: PlanReadLimits,
  tooLarge: () => Error,
  timedOut: () => Error,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), limits.readTimeoutMs);
  });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const buffer = Buffer.alloc(CHUNK);
      const { bytesRead } = await Promise.race([
        handle.read(buffer, 0, CHUNK, null),
        deadline,
      ]);
      if (bytesRead === 0) break;
      total += bytesRead;
      // The file may have grown since fstat.
      if (total > limits.maxBytes) throw tooLarge();
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
