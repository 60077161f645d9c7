import { constants, realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { refuse } from '../validation/inputRules';

/** One entry of a folder to publish, by its path relative to that folder ("/" separated). */
export type TreeEntry =
  | { path: string; type: 'dir' | 'file' }
  /** `target`: the link as it is written in the copy, relative and inside the folder. */
  | { path: string; type: 'link'; target: string };

/**
 * Lists `root` without following links, refusing (naming the file, as `field`) a link
 * whose target resolves outside `root` (Backstage's isChildPath, real paths), a link to
 * nothing, and anything that is not a file, folder or link (FIFOs, sockets, devices).
 * The top-level `.git` is left out.
 * A link that stays inside is kept as a link, rewritten relative to its own folder.
 */
export async function listPublishableTree(
  root: string,
  field: string,
): Promise<TreeEntry[]> {
  const realRoot = realpathSync(root);
  const entries: TreeEntry[] = [];
  const walk = async (rel: string) => {
    const names = (await fs.readdir(join(realRoot, rel))).sort();
    for (const name of names) {
      if (rel === '' && name === '.git') continue;
      const path = rel === '' ? name : `${rel}/${name}`;
      const full = join(realRoot, path);
      const stat = await fs.lstat(full);
      if (stat.isDirectory()) {
        entries.push({ path, type: 'dir' });
        await walk(path);
      } else if (stat.isFile()) {
        entries.push({ path, type: 'file' });
      } else if (stat.isSymbolicLink()) {
        if (!isChildPath(realRoot, full)) {
          refuse(
            field,
            `${path} is a link to a place outside the published folder; links out of it are never published. Replace the link with the file itself`,
          );
        }
        const real = await fs
          .realpath(full)
          .catch(() =>
            refuse(
              field,
              `${path} is a link to nothing; remove it or put the file it should name in the workspace`,
            ),
          );
        entries.push({
          path,
          type: 'link',
          target: relative(dirname(full), real),
        });
      } else {
        refuse(
          field,
          `${path} is not a regular file, folder or link (a FIFO, socket or device); remove it from the workspace`,
        );
      }
    }
  };
  await walk('');
  return entries;
}

/**
 * Copies the listed entries from `root` into `target` (an existing folder), never
 * following a link: files are opened with O_NOFOLLOW and must still be regular files,
 * and nothing that exists in `target` is overwritten.
 */
export async function copyPublishableTree(
  root: string,
  entries: TreeEntry[],
  target: string,
  field: string,
): Promise<void> {
  const realRoot = realpathSync(root);
  for (const entry of entries) {
    const to = join(target, entry.path.split('/').join(sep));
    if (entry.type === 'dir') {
      await fs.mkdir(to, { recursive: true });
    } else if (entry.type === 'link') {
      await fs.symlink(entry.target, to);
    } else {
      const handle = await fs
        .open(
          join(realRoot, entry.path),
          constants.O_RDONLY | constants.O_NOFOLLOW,
        )
        .catch(error => {
          if (error.code === 'ELOOP') {
            refuse(
              field,
              `${entry.path} became a link while it was published; run the task again`,
            );
          }
          throw error;
        });
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) {
          refuse(
            field,
            `${entry.path} is no longer a regular file; run the task again`,
          );
        }
        await fs.writeFile(to, await handle.readFile(), {
          flag: 'wx',
          mode: stat.mode & 0o777,
        });
      } finally {
        await handle.close();
      }
    }
  }
}
