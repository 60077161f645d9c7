import { ConflictError, NotFoundError } from '@backstage/errors';
import type { ScaffoldMergeResult } from '@internal/plugin-homelab-common';
import { bareGit } from './bareGit';
import type { GitIdentity } from './types';

export interface MergeRequest {
  /** The bare repository the branches live in (the embedded remote). */
  repository: string;
  baseBranch: string;
  /** e.g. `scaffold/miniflux`. */
  branch: string;
  /** The person who merges (from their User entity). */
  author: GitIdentity;
  /** The portal (`scaffolder.defaultAuthor`). */
  committer: GitIdentity;
}

/**
 * The tip of `<refs><branch>` (`refs/heads/` in the remote itself, `refs/remotes/origin/`
 * in the portal's checkout), or undefined when there is no such branch.
 */
export async function branchTip(
  repository: string,
  branch: string,
  refs = 'refs/heads/',
): Promise<string | undefined> {
  const { code, stdout } = await bareGit(repository, [
    'rev-parse',
    '--verify',
    '--quiet',
    `${refs}${branch}^{commit}`,
  ]);
  return code === 0 && stdout ? stdout : undefined;
}

/** Paths the branch adds or changes since it left the base branch (`base...tip`). */
export async function changedFiles(
  repository: string,
  base: string,
  tip: string,
): Promise<string[]> {
  const { stdout } = await bareGit(repository, [
    'diff',
    '--name-only',
    '--no-renames',
    '-z',
    `${base}...${tip}`,
    '--',
  ]);
  return stdout.split('\0').filter(Boolean);
}

async function isAncestor(repository: string, a: string, b: string) {
  const { code } = await bareGit(repository, [
    'merge-base',
    '--is-ancestor',
    a,
    b,
  ]);
  return code === 0;
}

/**
 * Merges `branch` into the base branch inside a bare repository, without a working tree:
 * a fast-forward when the base has not moved since the branch left it, else a merge commit
 * built by `git merge-tree --write-tree` (the author is the person merging, the committer
 * the portal). The base ref moves only if it still points where it did (update-ref with
 * the old value), and the merged branch is then deleted, as a forge does on merge.
 * Refuses, changing nothing, when the branch is gone, already merged or conflicts.
 */
export async function mergeScaffoldBranch(
  request: MergeRequest,
): Promise<ScaffoldMergeResult> {
  const { repository, baseBranch, branch } = request;
  const tip = await branchTip(repository, branch);
  if (!tip) {
    throw new NotFoundError(
      `the branch ${branch} is not in the GitOps repository (already merged and deleted, or deleted); scaffold the service again to get a new branch`,
    );
  }
  const base = await branchTip(repository, baseBranch);
  if (!base) {
    throw new NotFoundError(
      `the GitOps repository has no branch ${baseBranch}; set homelab.gitops.baseBranch to its base branch`,
    );
  }
  if (await isAncestor(repository, tip, base)) {
    throw new ConflictError(
      `${branch} is already part of ${baseBranch}; nothing to merge (delete the branch)`,
    );
  }
  const files = await changedFiles(repository, base, tip);
  let commit = tip;
  let method: ScaffoldMergeResult['method'] = 'fast-forward';
  if (!(await isAncestor(repository, base, tip))) {
    method = 'merge-commit';
    commit = await mergeCommit(request, base, tip);
  }
  const moved = await bareGit(repository, [
    'update-ref',
    '-m',
    `merge ${branch} from the portal`,
    `refs/heads/${baseBranch}`,
    commit,
    base,
  ]).catch(error => ({ code: 1, stdout: '', stderr: String(error) }));
  if (moved.code !== 0) {
    throw new ConflictError(
      `${baseBranch} moved while ${branch} was being merged; nothing was changed, merge again`,
    );
  }
  // The branch is merged even if deleting it fails; the next merge then says so.
  await bareGit(repository, ['update-ref', '-d', `refs/heads/${branch}`, tip]);
  return { branch, baseBranch, commit, method, files };
}

async function mergeCommit(
  request: MergeRequest,
  base: string,
  tip: string,
): Promise<string> {
  const { repository, baseBranch, branch, author, committer } = request;
  const merged = await bareGit(repository, [
    'merge-tree',
    '--write-tree',
    '--name-only',
    '--no-messages',
    base,
    tip,
  ]);
  const [tree, ...conflicts] = merged.stdout.split('\n').filter(Boolean);
  if (merged.code !== 0) {
    throw new ConflictError(
      `${branch} does not merge cleanly into ${baseBranch}: ${[
        ...new Set(conflicts),
      ].join(
        ', ',
      )} changed on both; resolve it in a clone of the GitOps repository, or delete the branch and scaffold again`,
    );
  }
  const message = `Merge branch '${branch}' into ${baseBranch}\n\nMerged from the portal by ${author.name}.`;
  const { code, stdout, stderr } = await bareGit(
    repository,
    ['commit-tree', tree, '-p', base, '-p', tip, '-m', message],
    {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
    },
  );
  if (code !== 0 || !stdout) {
    throw new Error(`git commit-tree failed: ${stderr}`);
  }
  return stdout;
}
