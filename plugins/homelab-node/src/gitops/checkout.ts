import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '@backstage/config';
import { checkoutGit, CheckoutGitError } from './checkoutGit';
import { ensureEmbeddedRemote, remoteArgument } from './checkoutRemote';
import { readGitopsConfig } from './config';
import {
  type GitopsCredentials,
  GitopsCredentialsProvider,
} from './credentials';
import type { GitopsConfig, GitopsRemote } from './types';

/** Branches the publish action pushes; the checkout fetches them as proposals. */
export const PROPOSAL_BRANCH_PREFIX = 'scaffold/';

export interface GitopsCheckoutOptions {
  remote: GitopsRemote;
  baseBranch: string;
  checkoutDir: string;
  /** Asked at each fetch: an installation token may have expired since the last. */
  credentials?: GitopsCredentialsProvider;
  /** Of one git call against the remote. Default: 2 minutes. */
  timeoutMs?: number;
}

/** A proposed branch (`scaffold/*`) as the checkout last fetched it. */
export interface ProposalBranch {
  /** The remote's branch name, e.g. `scaffold/paperless`. */
  branch: string;
  /** The ref to read it from in the checkout (`refs/remotes/origin/<branch>`). */
  ref: string;
  commit: string;
}

export interface CheckoutState {
  /** The base branch's commit the working files show. */
  head: string;
  proposals: ProposalBranch[];
}

type Listener = (state: CheckoutState) => void | Promise<void>;

/** One queue and one set of listeners per checkout folder, whoever holds an instance. */
const queues = new Map<string, Promise<unknown>>();
const listeners = new Map<string, Set<Listener>>();
const lastStates = new Map<string, string>();

/**
 * The portal's own clone of the GitOps repository's base branch (`homelab.gitops.checkoutDir`),
 * which the catalog and the phase plans read. `ensure()` clones it when missing; `fetch()`
 * moves it to the remote's base branch (a hard reset, never a merge; the folder is a
 * mirror nobody edits) and fetches the `scaffold/*` branches as remote-tracking refs. Calls
 * on one folder run one after the other, across instances of this process.
 */
export class GitopsCheckout {
  readonly dir: string;

  constructor(private readonly options: GitopsCheckoutOptions) {
    this.dir = resolve(options.checkoutDir);
  }

  /** From `homelab.gitops` and the integration credentials for its remote. */
  static fromConfig(
    config: Config,
    dataDir: string,
    options: { repositoryRoot?: string; timeoutMs?: number } = {},
  ): GitopsCheckout {
    const gitops: GitopsConfig = readGitopsConfig(config, dataDir, options);
    return new GitopsCheckout({
      remote: gitops.remote,
      baseBranch: gitops.baseBranch,
      checkoutDir: gitops.checkoutDir,
      credentials: GitopsCredentialsProvider.fromConfig(config, gitops.remote),
      timeoutMs: options.timeoutMs,
    });
  }

  get baseBranch(): string {
    return this.options.baseBranch;
  }

  /** The remote-tracking ref of the base branch in the checkout. */
  get baseRef(): string {
    return `refs/remotes/origin/${this.options.baseBranch}`;
  }

  /** Whether the folder holds a clone (it may still be older than the remote). */
  isCloned(): boolean {
    return existsSync(join(this.dir, '.git'));
  }

  /** Clones the base branch when the folder has no clone yet; else leaves it as it is. */
  ensure(): Promise<CheckoutState> {
    return this.serialised(async () => {
      if (!this.isCloned()) await this.cloneAndFetch();
      return this.state();
    });
  }

  /** Clones if needed, then brings the base branch and the proposals up to the remote. */
  fetch(): Promise<CheckoutState & { changed: boolean }> {
    return this.serialised(async () => {
      if (this.isCloned()) await this.fetchAndReset();
      else await this.cloneAndFetch();
      const state = await this.state();
      const key = JSON.stringify(state);
      const changed = lastStates.get(this.dir) !== key;
      lastStates.set(this.dir, key);
      if (changed) await this.notify(state);
      return { ...state, changed };
    });
  }

  /**
   * Called after a fetch that changed the base branch or the proposals (and after the
   * first fetch of this process). Returns the function that unsubscribes.
   */
  onChange(listener: Listener): () => void {
    let set = listeners.get(this.dir);
    if (!set) {
      set = new Set();
      listeners.set(this.dir, set);
    }
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** The base commit and the proposals as last fetched, without asking the remote. */
  async state(): Promise<CheckoutState> {
    const head = await checkoutGit(this.dir, ['rev-parse', '--verify', 'HEAD']);
    const out = await checkoutGit(this.dir, [
      'for-each-ref',
      '--format=%(objectname) %(refname)',
      `refs/remotes/origin/${PROPOSAL_BRANCH_PREFIX}`,
    ]);
    const proposals = out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [commit, ref] = line.split(' ');
        return {
          branch: ref.slice('refs/remotes/origin/'.length),
          ref,
          commit,
        };
      });
    return { head, proposals };
  }

  private async notify(state: CheckoutState) {
    for (const listener of listeners.get(this.dir) ?? []) {
      try {
        await listener(state);
      } catch {
        // A listener's failure is its own; the fetch succeeded.
      }
    }
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const previous = queues.get(this.dir) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(this.dir, next);
    return next;
  }

  private async remoteGit(cwd: string, args: string[]) {
    const credentials = await this.options.credentials
      ?.getCredentials()
      .catch(error => {
        throw new CheckoutGitError(error.message);
      });
    return checkoutGit(cwd, args, {
      credentials,
      timeoutMs: this.options.timeoutMs,
    }).catch(error => {
      throw this.explain(error, credentials);
    });
  }

  private refspecs(): string[] {
    const base = this.options.baseBranch;
    return [
      `+refs/heads/${base}:refs/remotes/origin/${base}`,
      `+refs/heads/${PROPOSAL_BRANCH_PREFIX}*:refs/remotes/origin/${PROPOSAL_BRANCH_PREFIX}*`,
    ];
  }

  private async cloneAndFetch() {
    const { remote, baseBranch } = this.options;
    await ensureEmbeddedRemote(remote, baseBranch);
    if (existsSync(this.dir) && (await fs.readdir(this.dir)).length > 0) {
      throw new CheckoutGitError(
        `homelab.gitops.checkoutDir: ${this.dir} exists and is not a git checkout; remove it (the portal clones it again) or point checkoutDir at an empty folder`,
      );
    }
    await fs.mkdir(dirname(this.dir), { recursive: true });
    const building = `${this.dir}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await checkoutGit(dirname(this.dir), [
        'init',
        '--quiet',
        `--initial-branch=${baseBranch}`,
        building,
      ]);
      await checkoutGit(building, ['config', 'core.symlinks', 'false']);
      await checkoutGit(building, [
        'remote',
        'add',
        'origin',
        remoteArgument(remote),
      ]);
      await this.fetchAndReset(building);
      await fs.rm(this.dir, { recursive: true, force: true });
      await fs.rename(building, this.dir);
    } finally {
      await fs.rm(building, { recursive: true, force: true });
    }
  }

  private async fetchAndReset(dir: string = this.dir) {
    await this.remoteGit(dir, [
      'fetch',
      '--quiet',
      '--no-tags',
      '--prune',
      '--force',
      remoteArgument(this.options.remote),
      ...this.refspecs(),
    ]);
    await checkoutGit(dir, [
      'checkout',
      '--quiet',
      '--force',
      '-B',
      this.options.baseBranch,
      this.baseRef,
    ]);
    await checkoutGit(dir, ['clean', '-ffdxq']);
  }

  private explain(error: unknown, credentials?: GitopsCredentials): Error {
    const message = error instanceof Error ? error.message : String(error);
    const where = remoteArgument(this.options.remote);
    if (/couldn't find remote ref/i.test(message)) {
      return new CheckoutGitError(
        `the GitOps repository ${where} has no branch ${this.options.baseBranch}; push one or set homelab.gitops.baseBranch`,
      );
    }
    if (
      /Authentication failed|could not read Username|\b401\b|\b403\b|terminal prompts disabled/i.test(
        message,
      )
    ) {
      return new CheckoutGitError(
        credentials
          ? `the GitOps repository ${where} refused the credentials of ${credentials.source}; check the username and the password or token there`
          : `the GitOps repository ${where} needs credentials; add integrations.gitea[] (Gitea, Forgejo) or integrations.github[] for its host`,
      );
    }
    return error instanceof Error ? error : new CheckoutGitError(message);
  }
}
