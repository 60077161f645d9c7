import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  GitopsMergeRefusal,
  ScaffoldBranchStatus,
  ScaffoldMergeResult,
} from '@internal/plugin-homelab-common';
import type { GitopsConfig } from '@internal/plugin-homelab-node';
import { bareGit } from './bareGit';
import { mergeAuthor } from './mergeAuthor';
import {
  branchTip,
  changedFiles,
  mergeScaffoldBranch,
} from './mergeScaffoldBranch';
import { gitopsMergePermission } from './permissions';
import type { GitIdentity } from './types';

export interface GitopsMergeServiceOptions {
  gitops: GitopsConfig;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  catalog: CatalogService;
  /** The portal (`scaffolder.defaultAuthor`): the committer of a merge commit. */
  committer: GitIdentity;
  /** Brings the portal's checkout up to date after a merge. */
  refresh?: () => Promise<unknown>;
  logger: LoggerService;
}

/** One merge at a time per repository. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Scaffold branches of the GitOps repository as the portal can act on them: their status
 * and, for a bare repository on this host (the embedded default, where nobody else would
 * merge), the merge into the base branch. A forge's branches are merged in their pull requests.
 */
export class GitopsMergeService {
  constructor(private readonly options: GitopsMergeServiceOptions) {}

  async status(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ScaffoldBranchStatus> {
    const { baseBranch } = this.options.gitops;
    const branch = `scaffold/${name}`;
    const where = await this.where();
    // A forge's branch is read from the portal's checkout, as last fetched.
    const read = where.repository
      ? { dir: where.repository, refs: 'refs/heads/' }
      : this.checkoutRefs();
    const tip = read && (await branchTip(read.dir, branch, read.refs));
    const base = read && (await branchTip(read.dir, baseBranch, read.refs));
    const files =
      read && tip && base ? await changedFiles(read.dir, base, tip) : [];
    let refusal: GitopsMergeRefusal | undefined = where.refusal;
    if (!refusal && !tip) refusal = 'gone';
    if (!refusal && !(await this.allowed(credentials))) refusal = 'permission';
    return {
      branch,
      baseBranch,
      exists: !!tip,
      ...(tip && { commit: tip }),
      files,
      canMerge: !refusal,
      ...(refusal && {
        refusal,
        message: this.explain(refusal, branch),
      }),
    };
  }

  async merge(
    name: string,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<ScaffoldMergeResult> {
    const { gitops, logger } = this.options;
    const branch = `scaffold/${name}`;
    if (!(await this.allowed(credentials))) {
      throw new NotAllowedError(this.explain('permission', branch));
    }
    const where = await this.where();
    if (!where.repository) {
      throw new NotAllowedError(this.explain(where.refusal!, branch));
    }
    const repository = where.repository;
    const { identity, userRef } = await mergeAuthor(credentials, this.options);
    const result = await this.serialised(repository, () =>
      mergeScaffoldBranch({
        repository,
        baseBranch: gitops.baseBranch,
        branch,
        author: identity,
        committer: this.options.committer,
      }),
    );
    logger.info(
      `${userRef} merged ${branch} into ${gitops.baseBranch} (${result.method}, ${result.commit})`,
    );
    await this.options
      .refresh?.()
      .catch(error =>
        logger.warn(
          `merged ${branch}, but the portal's checkout did not update (${error}); the scheduled fetch will`,
        ),
      );
    return result;
  }

  private async allowed(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: gitopsMergePermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The portal's checkout, when it is cloned: it fetches every scaffold branch. */
  private checkoutRefs(): { dir: string; refs: string } | undefined {
    const dir = this.options.gitops.checkoutDir;
    return existsSync(join(dir, '.git'))
      ? { dir, refs: 'refs/remotes/origin/' }
      : undefined;
  }

  /** The bare repository to merge in, or why there is none. */
  private async where(): Promise<{
    repository?: string;
    refusal?: GitopsMergeRefusal;
  }> {
    const { remote } = this.options.gitops;
    if (remote.kind === 'url') return { refusal: 'forge' };
    if (!existsSync(join(remote.path, 'HEAD'))) {
      // A working tree's repository keeps HEAD under .git; nothing published yet is "gone".
      return existsSync(join(remote.path, '.git'))
        ? { refusal: 'not-bare' }
        : { refusal: 'gone' };
    }
    const { stdout } = await bareGit(remote.path, [
      'rev-parse',
      '--is-bare-repository',
    ]);
    return stdout === 'true'
      ? { repository: remote.path }
      : { refusal: 'not-bare' };
  }

  private explain(refusal: GitopsMergeRefusal, branch: string): string {
    const { gitops } = this.options;
    const base = gitops.baseBranch;
    switch (refusal) {
      case 'forge':
        return `the GitOps repository is ${
          gitops.remote.kind === 'url' ? gitops.remote.webUrl : 'on a forge'
        }: merge ${branch} into ${base} in its pull request there`;
      case 'not-bare':
        return `homelab.gitops.remote is a repository with a working tree, which a merge from the portal would leave behind; merge ${branch} there with git`;
      case 'permission':
        return `merging ${branch} into ${base} needs the homelab.gitops.merge permission, which the admin group (homelab.permissions.adminGroup) has`;
      case 'gone':
      default:
        return `the branch ${branch} is not in the GitOps repository (already merged and deleted, or deleted)`;
    }
  }

  private serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(key, next);
    return next;
  }
}
