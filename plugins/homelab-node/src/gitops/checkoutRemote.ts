import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkoutGit } from './checkoutGit';
import type { GitopsRemote } from './types';

/** What git is given as the remote: the clean URL or the local path, never credentials. */
export function remoteArgument(remote: GitopsRemote): string {
  return remote.kind === 'url' ? remote.url : remote.path;
}

/**
 * The embedded default (`remote.seedFrom` set): creates the bare repository at
 * `remote.path` from the working tree's current commit if it does not exist yet. It is
 * built beside its place and renamed, so a half-made repository is never seen; of two
 * callers racing, the first rename wins and the other's copy is dropped. Pushing from the
 * working tree reads its repository and changes nothing in it.
 */
export async function ensureEmbeddedRemote(
  remote: GitopsRemote,
  baseBranch: string,
): Promise<void> {
  if (remote.kind !== 'local' || !remote.seedFrom) return;
  if (existsSync(join(remote.path, 'HEAD'))) return;
  if (!existsSync(join(remote.seedFrom, '.git'))) {
    throw new Error(
      `homelab.gitops.remote is not set, and ${remote.seedFrom} is no git repository to make the embedded one from; set homelab.gitops.remote to the GitOps repository's clone URL`,
    );
  }
  const building = `${remote.path}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.mkdir(dirname(remote.path), { recursive: true });
  try {
    await checkoutGit(dirname(remote.path), [
      'init',
      '--quiet',
      '--bare',
      `--initial-branch=${baseBranch}`,
      building,
    ]);
    await checkoutGit(remote.seedFrom, [
      'push',
      '--quiet',
      '--no-verify',
      building,
      `HEAD:refs/heads/${baseBranch}`,
    ]);
    await fs.rename(building, remote.path).catch(error => {
      if (!existsSync(join(remote.path, 'HEAD'))) throw error;
    });
  } finally {
    await fs.rm(building, { recursive: true, force: true });
  }
}
