import { constants, promises as fs } from 'node:fs';
import { isChildPath } from '@backstage/backend-plugin-api';
import { formatBytes } from '@internal/plugin-homelab-node';

export interface PlanReadLimits {
  /** `homelab.phases.maxBytes`. */
  maxBytes: number;
  /** `homelab.phases.readTimeout`, in milliseconds. */
  readTimeoutMs: number;
}

/** A plan that was not read; the message names the rule and no host path. */
export class PlanRefusedError extends Error {
  readonly name = 'PlanRefusedError';
}

export interface OpenedPlanFile {
  /** The file's real path, links resolved: the cache key. */
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
 * Opens the plan at `path` only when its real path is inside one of `roots`,
 * ends in .md or .markdown, and is a regular file no larger than
 * `limits.maxBytes`, then hands it to
 * `use`. `shown` is what messages call the file (the quoted repository-relative
 * path, or the annotation with its value). The open does not block on a FIFO (O_NONBLOCK) and
 * refuses a link swapped in after the check (O_NOFOLLOW); every refusal is a
 * PlanRefusedError.
 */
export async function withPlanFile<T>(
  path: string,
  shown: string,
  roots: string[],
  limits: PlanReadLimits,
  use: (file: OpenedPlanFile) => Promise<T>,
): Promise<T> {
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
    throw refuse(
      'resolves outside the folders phase plans are read from (homelab.phases.folders, the scaffolder working copies, the GitOps checkout, and the repository for entities the catalog loaded from it); move the plan into one of them',
    );
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
    const tooLarge = () =>
      refuse(
        `is larger than homelab.phases.maxBytes (${formatBytes(
          limits.maxBytes,
        )}); split the plan or raise the limit`,
      );
    if (stat.size > limits.maxBytes) throw tooLarge();
    return await use({
      realPath,
      version: `${stat.mtimeMs}:${stat.size}`,
      read: () =>
        readCapped(handle, limits, tooLarge, () =>
          refuse(
            `was not read within homelab.phases.readTimeout (${
              limits.readTimeoutMs / 1000
            } s)`,
          ),
        ),
    });
  } finally {
    await handle.close();
  }
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
