import { existsSync, lstatSync } from 'node:fs';
import fs from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError } from '@backstage/errors';
import { assertDnsLabel, safeChildPath } from '../validation/inputRules';
import { git, GitIdentity, refExists } from './gitCli';
import { copyPublishableTree, listPublishableTree } from './publishableTree';

export interface PublishResult {
  repositoryPath: string;
  workingCopyPath: string;
  branch: string;
  commitHash: string;
}

/** One queue per repository folder, so concurrent tasks never race on git's lock files. */
const queues = new Map<string, Promise<unknown>>();

/**
 * The local publish target: a git repository under the data folder whose `main` holds
 * nothing, and one branch `scaffold/<name>` per scaffolded service, each checked out
 * as its own working copy (`git worktree`) so every result stays browsable and tracked.
 *
 * Layout: <root>/repository (main) and <root>/working-copies/<name> (scaffold/<name>).
 */
export class LocalScaffoldRepository {
  readonly repositoryPath: string;
  readonly workingCopiesPath: string;

  constructor(root: string, private readonly identity: GitIdentity) {
    this.repositoryPath = join(root, 'repository');
    this.workingCopiesPath = join(root, 'working-copies');
  }

  /** `name` must be a DNS-1123 label: it is both a branch name and a folder name. */
  branchOf(name: string): string {
    assertDnsLabel('name', name);
    return `scaffold/${name}`;
  }

  /** The working copy folder of `name`, refused if a link there leads out of the working copies. */
  workingCopyOf(name: string): string {
    assertDnsLabel('name', name);
    return safeChildPath(
      this.workingCopiesPath,
      'name',
      name,
      'the working copies folder',
    );
  }

  /** Throws a ConflictError when the branch or the working copy of `name` exists. */
  async assertFree(name: string): Promise<void> {
    const branch = this.branchOf(name);
    if (
      existsSync(join(this.repositoryPath, '.git')) &&
      (await refExists(this.repositoryPath, `refs/heads/${branch}`))
    ) {
      throw new ConflictError(
        `name: the branch ${branch} already exists in ${
          this.repositoryPath
        }; choose another name or delete the branch (git -C ${
          this.repositoryPath
        } worktree remove ${this.workingCopyOf(name)} && git -C ${
          this.repositoryPath
        } branch -D ${branch})`,
      );
    }
    if (entryExists(this.workingCopyOf(name))) {
      throw new ConflictError(
        `name: ${this.workingCopyOf(
          name,
        )} already exists; choose another name or move that folder away`,
      );
    }
  }

  /**
   * Copies `sourceDir` onto a new branch, commits it and leaves it checked out. Links
   * out of `sourceDir`, links to nothing and special files are refused before anything
   * is written (publishableTree.ts).
   */
  publish(
    name: string,
    sourceDir: string,
    message: string,
  ): Promise<PublishResult> {
    return this.queued(() => this.publishNow(name, sourceDir, message));
  }

  /**
   * Takes back what publish(name) made, for a later step of the same task that failed:
   * removes the working copy and its branch, unless the working copy has changes since,
   * which are kept. Returns whether both were removed.
   */
  unpublish(name: string): Promise<boolean> {
    return this.queued(async () => {
      const workingCopy = this.workingCopyOf(name);
      if (!existsSync(workingCopy)) return false;
      if ((await git(workingCopy, ['status', '--porcelain'])) !== '')
        return false;
      await this.removeBranch(name);
      return true;
    });
  }

  private queued<T>(work: () => Promise<T>): Promise<T> {
    const run = (queues.get(this.repositoryPath) ?? Promise.resolve())
      .catch(() => undefined)
      .then(work);
    queues.set(this.repositoryPath, run);
    return run;
  }

  private async removeBranch(name: string): Promise<void> {
    await git(this.repositoryPath, [
      'worktree',
      'remove',
      '--force',
      this.workingCopyOf(name),
    ]).catch(() => undefined);
    await git(this.repositoryPath, ['branch', '-D', this.branchOf(name)]);
  }

  private async publishNow(
    name: string,
    sourceDir: string,
    message: string,
  ): Promise<PublishResult> {
    await this.assertFree(name);
    const entries = await listPublishableTree(sourceDir, 'sourcePath');
    await this.ensureRepository();
    const branch = this.branchOf(name);
    const workingCopy = this.workingCopyOf(name);
    await fs.mkdir(this.workingCopiesPath, { recursive: true });
    await git(this.repositoryPath, [
      'worktree',
      'add',
      '--quiet',
      '-b',
      branch,
      workingCopy,
      'main',
    ]);
    try {
      await copyPublishableTree(sourceDir, entries, workingCopy, 'sourcePath');
      await git(workingCopy, ['add', '--all']);
      await git(
        workingCopy,
        ['commit', '--quiet', '-m', message],
        this.identity,
      );
      const commitHash = await git(workingCopy, ['rev-parse', 'HEAD']);
      return {
        repositoryPath: this.repositoryPath,
        workingCopyPath: workingCopy,
        branch,
        commitHash,
      };
    } catch (error) {
      // Leave nothing half-published behind: the same name can be tried again.
      await this.removeBranch(name).catch(() => undefined);
      throw error;
    }
  }

  private async ensureRepository(): Promise<void> {
    if (existsSync(join(this.repositoryPath, '.git'))) return;
    await fs.mkdir(this.repositoryPath, { recursive: true });
    await git(this.repositoryPath, [
      'init',
      '--quiet',
      '--initial-branch=main',
    ]);
    await git(
      this.repositoryPath,
      [
        'commit',
        '--quiet',
        '--allow-empty',
        '-m',
        'Start the repository of scaffolded services',
      ],
      this.identity,
    );
  }
}

/** Whether anything, a dangling link included, is at `path`. */
function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
