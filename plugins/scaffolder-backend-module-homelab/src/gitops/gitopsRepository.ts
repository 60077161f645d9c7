import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  ensureEmbeddedRemote,
  gitCredentialEnv,
  type GitopsCredentialsProvider,
  type GitopsRemote,
} from '@internal/plugin-homelab-node';
import { git, GitIdentity } from '../git/gitCli';

/** A fetch, ls-remote or push that takes longer is stopped, so no task hangs on a remote. */
const REMOTE_TIMEOUT_MS = 120_000;

/** One queue per cache folder, so concurrent tasks never race on git's lock files. */
const queues = new Map<string, Promise<unknown>>();

export interface CommitRequest {
  files: Array<{ path: string; content: Buffer; executable: boolean }>;
  message: string;
  author: GitIdentity;
  committer: GitIdentity;
}

/**
 * The GitOps repository seen through a bare cache under the data folder: fetches the base
 * branch, answers what exists there, builds a commit on top of it with a temporary index
 * (no working tree is written) and pushes it as a new branch. Credentials are asked for
 * at each call against the remote and go to git as an `http.extraHeader` through
 * GIT_CONFIG_* environment variables: never into .git/config, the command line or a log.
 *
 * The cache borrows the objects of the portal's checkout (`borrowObjectsFrom`, the same
 * remote) through git alternates, so what the checkout has fetched is not downloaded a
 * second time. That is safe against the checkout's gc because the cache keeps no ref into
 * borrowed objects between tasks: its base ref is deleted before each fetch, the commits
 * it builds live in its own object store, and during a task the borrowed base commit is
 * reachable from the checkout's own base ref (gc prunes only unreachable objects, and
 * only after gc.pruneExpire, two weeks by default).
 */
export class GitopsRepository {
  constructor(
    private readonly options: {
      remote: GitopsRemote;
      baseBranch: string;
      cacheDir: string;
      credentials?: GitopsCredentialsProvider;
      /** The portal's checkout of the same remote, whose objects the cache reuses. */
      borrowObjectsFrom?: string;
    },
  ) {}

  /** What messages call the remote (its URL or local path, never credentials). */
  get remoteLabel(): string {
    const { remote } = this.options;
    return remote.kind === 'url' ? remote.url : remote.path;
  }

  private get remoteArg(): string {
    const { remote } = this.options;
    return remote.kind === 'url' ? remote.url : remote.path;
  }

  get baseRef(): string {
    return `refs/remotes/origin/${this.options.baseBranch}`;
  }

  /** Runs `work` alone on the cache, after creating the cache and fetching the base branch. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const key = this.options.cacheDir;
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        await this.prepare();
        return work();
      });
    queues.set(key, next);
    return next;
  }

  private async prepare() {
    await this.seedEmbeddedDefault();
    const cache = this.options.cacheDir;
    if (!existsSync(join(cache, 'HEAD'))) {
      await fs.mkdir(cache, { recursive: true });
      await git(cache, ['init', '--quiet', '--bare']);
    }
    await this.borrowCheckoutObjects();
    // no ref may point into borrowed objects across tasks (see the class comment)
    await git(cache, ['update-ref', '-d', this.baseRef]);
    const { baseBranch } = this.options;
    await this.remoteGit([
      'fetch',
      '--quiet',
      '--no-tags',
      '--force',
      this.remoteArg,
      `+refs/heads/${baseBranch}:${this.baseRef}`,
    ]).catch(error => {
      if (/couldn't find remote ref/i.test(error.message)) {
        throw new NotAllowedError(
          `the GitOps repository ${this.remoteLabel} has no branch ${baseBranch}; push one or set homelab.gitops.baseBranch`,
        );
      }
      throw error;
    });
  }

  /** Points objects/info/alternates at the checkout's object store, or removes it. */
  private async borrowCheckoutObjects() {
    const alternates = join(this.options.cacheDir, 'objects/info/alternates');
    const from = this.options.borrowObjectsFrom;
    const objects = from ? resolve(from, '.git/objects') : undefined;
    if (objects && existsSync(objects)) {
      await fs.mkdir(join(this.options.cacheDir, 'objects/info'), {
        recursive: true,
      });
      await fs.writeFile(alternates, `${objects}\n`);
    } else {
      await fs.rm(alternates, { force: true });
    }
  }

  /** The embedded default: a bare repository made from the working tree's current commit. */
  private async seedEmbeddedDefault() {
    const { remote, baseBranch } = this.options;
    await ensureEmbeddedRemote(remote, baseBranch).catch(error => {
      throw new NotAllowedError(error.message);
    });
  }

  /** Whether `refs/heads/<branch>` exists on the remote (git ls-remote). */
  async remoteBranchExists(branch: string): Promise<boolean> {
    const out = await this.remoteGit([
      'ls-remote',
      '--heads',
      this.remoteArg,
      `refs/heads/${branch}`,
    ]);
    return out.trim() !== '';
  }

  async baseCommit(): Promise<string> {
    return git(this.options.cacheDir, ['rev-parse', '--verify', this.baseRef]);
  }

  /** Mode and type of `path` on the base branch, if it exists there. */
  async baseEntry(
    path: string,
  ): Promise<{ mode: string; type: string } | undefined> {
    const out = await git(this.options.cacheDir, [
      'ls-tree',
      this.baseRef,
      '--',
      path.replace(/\/$/, ''),
    ]);
    const line = out
      .split('\n')
      .find(l => l.endsWith(`\t${path.replace(/\/$/, '')}`));
    if (!line) return undefined;
    const [mode, type] = line.split(/\s+/);
    return { mode, type };
  }

  async readBase(path: string): Promise<string> {
    return git(
      this.options.cacheDir,
      ['cat-file', 'blob', `${this.baseRef}:${path}`],
      undefined,
      { raw: true },
    );
  }

  /** A commit of the files on top of the base branch, built in a temporary index. */
  async commit(request: CommitRequest): Promise<string> {
    const cache = this.options.cacheDir;
    const scratch = await fs.mkdtemp(join(tmpdir(), 'homelab-gitops-index-'));
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    try {
      const base = await this.baseCommit();
      await git(cache, ['read-tree', base], undefined, { env });
      const lines: string[] = [];
      for (const file of request.files) {
        const blob = await git(
          cache,
          ['hash-object', '-w', '--stdin'],
          undefined,
          {
            input: file.content,
          },
        );
        lines.push(
          `${file.executable ? '100755' : '100644'} ${blob}\t${file.path}`,
        );
      }
      await git(cache, ['update-index', '--add', '--index-info'], undefined, {
        env,
        input: `${lines.join('\n')}\n`,
      });
      const tree = await git(cache, ['write-tree'], undefined, { env });
      return await git(
        cache,
        ['commit-tree', tree, '-p', base, '-F', '-'],
        undefined,
        {
          input: request.message,
          env: {
            GIT_AUTHOR_NAME: request.author.name,
            GIT_AUTHOR_EMAIL: request.author.email,
            GIT_COMMITTER_NAME: request.committer.name,
            GIT_COMMITTER_EMAIL: request.committer.email,
          },
        },
      );
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }

  /**
   * Pushes `commit` as the new branch; `--force-with-lease=<ref>:` makes the remote
   * refuse it if the branch appeared meanwhile, so an existing branch is never moved.
   */
  async pushNewBranch(commit: string, branch: string): Promise<void> {
    const ref = `refs/heads/${branch}`;
    await this.remoteGit([
      'push',
      '--quiet',
      '--no-verify',
      `--force-with-lease=${ref}:`,
      this.remoteArg,
      `${commit}:${ref}`,
    ]).catch(error => {
      if (
        /stale info|already exists|fetch first|non-fast-forward/i.test(
          error.message,
        )
      ) {
        throw new ConflictError(
          `name: the branch ${branch} appeared on ${this.remoteLabel} while this task ran; choose another name`,
        );
      }
      throw error;
    });
  }

  /** git against the remote, with the integration's credentials in the environment only. */
  private async remoteGit(args: string[]): Promise<string> {
    const credentials = await this.options.credentials
      ?.getCredentials()
      .catch(error => {
        throw new NotAllowedError(error.message);
      });
    const env = gitCredentialEnv(credentials);
    return git(this.options.cacheDir, args, undefined, {
      env,
      timeoutMs: REMOTE_TIMEOUT_MS,
    }).catch(error => {
      const message = String(error.message);
      if (
        /Authentication failed|could not read Username|401|403|terminal prompts disabled/i.test(
          message,
        )
      ) {
        throw new NotAllowedError(
          credentials
            ? `the GitOps repository ${this.remoteLabel} refused the credentials of ${credentials.source}; check the username and the password or token there (it needs write access to the repository)`
            : `the GitOps repository ${this.remoteLabel} needs credentials; add integrations.gitea[] (Gitea, Forgejo) or integrations.github[] for its host`,
        );
      }
      throw new Error(message.split(credentials?.password ?? '\0').join('***'));
    });
  }
}
