import {
  DEFAULT_OUTBOUND_LIMITS,
  type FetchLike,
  type GitopsCredentials,
  type GitopsPullRequests,
  limitFetch,
} from '@internal/plugin-homelab-node';

/** An open pull request of a proposed branch, as the forge links it. */
export interface ProposedPullRequest {
  number: number;
  url: string;
}

export interface PullRequestLookupOptions {
  settings: GitopsPullRequests;
  baseBranch: string;
  credentials?: GitopsCredentials;
  fetch?: FetchLike;
  /** How long an answer is reused. Default: 60 s. */
  cacheMs?: number;
  /**
   * How long an answer is reused when a branch had no open pull request. The publish
   * action pushes the branch before it opens the pull request, so a read in between
   * would otherwise show "no pull request yet" for `cacheMs`. Default: 5 s.
   */
  missCacheMs?: number;
  now?: () => number;
}

const PAGE = 50;
const MAX_PAGES = 20;

/**
 * Finds the open pull requests of the `scaffold/*` branches: Gitea and Forgejo (their
 * shared API, `GET /repos/{owner}/{repo}/pulls?state=open`, paged, basic auth with the
 * integration's username and password or token) or GitHub (`GET
 * /repos/{owner}/{repo}/pulls?state=open&head={owner}:{branch}`, a Bearer token), each
 * call under the outbound limits. One answer serves every request for `cacheMs`, or for
 * `missCacheMs` when a branch had none yet.
 */
export class PullRequestLookup {
  private cached?: {
    until: number;
    key: string;
    value: Map<string, ProposedPullRequest>;
  };
  private readonly fetch: FetchLike;

  constructor(private readonly options: PullRequestLookupOptions) {
    this.fetch = limitFetch(
      options.fetch ?? globalThis.fetch,
      DEFAULT_OUTBOUND_LIMITS,
      'the forge API',
      'homelab.gitops.pullRequests',
    );
  }

  get enabled(): boolean {
    return this.options.settings.provider !== 'none';
  }

  /** The open pull request of each branch that has one; branches without are left out. */
  async find(branches: string[]): Promise<Map<string, ProposedPullRequest>> {
    if (!this.enabled || branches.length === 0) return new Map();
    const now = (this.options.now ?? Date.now)();
    const key = [...branches].sort().join('\n');
    if (this.cached && this.cached.key === key && now < this.cached.until) {
      return this.cached.value;
    }
    const value =
      this.options.settings.provider === 'github'
        ? await this.fromGithub(branches)
        : await this.fromGitea(branches);
    const reuseMs =
      value.size === new Set(branches).size
        ? this.options.cacheMs ?? 60_000
        : Math.min(
            this.options.missCacheMs ?? 5_000,
            this.options.cacheMs ?? 60_000,
          );
    this.cached = { until: now + reuseMs, key, value };
    return value;
  }

  private base() {
    const { apiBaseUrl, owner, repo } = this.options.settings;
    return `${apiBaseUrl}/repos/${encodeURIComponent(
      owner!,
    )}/${encodeURIComponent(repo!)}/pulls`;
  }

  private headers(): Record<string, string> {
    const { credentials, settings } = this.options;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (settings.provider === 'github') {
      headers.Accept = 'application/vnd.github+json';
      headers['X-GitHub-Api-Version'] = '2022-11-28';
      if (credentials) headers.Authorization = `Bearer ${credentials.password}`;
    } else if (credentials) {
      headers.Authorization = `Basic ${Buffer.from(
        `${credentials.username}:${credentials.password}`,
      ).toString('base64')}`;
    }
    return headers;
  }

  private async getJson(url: string): Promise<unknown> {
    const response = await this.fetch(url, { headers: this.headers() });
    if (!response.ok) {
      const what =
        response.status === 401 || response.status === 403
          ? `; check the credentials of the integration for ${
              new URL(url).host
            } (they need read access to pull requests)`
          : '';
      throw new Error(
        `the forge answered ${response.status} to GET ${
          new URL(url).pathname
        }${what}`,
      );
    }
    return response.json();
  }

  private async fromGitea(branches: string[]) {
    const wanted = new Set(branches);
    const found = new Map<string, ProposedPullRequest>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await this.getJson(
        `${this.base()}?state=open&limit=${PAGE}&page=${page}`,
      );
      if (!Array.isArray(answer)) break;
      for (const pull of answer) this.take(pull, wanted, found);
      if (answer.length < PAGE || found.size === wanted.size) break;
    }
    return found;
  }

  private async fromGithub(branches: string[]) {
    const { owner } = this.options.settings;
    const found = new Map<string, ProposedPullRequest>();
    for (const branch of branches) {
      const answer = await this.getJson(
        `${this.base()}?state=open&head=${encodeURIComponent(
          `${owner}:${branch}`,
        )}&base=${encodeURIComponent(this.options.baseBranch)}`,
      );
      if (Array.isArray(answer)) {
        for (const pull of answer) this.take(pull, new Set([branch]), found);
      }
    }
    return found;
  }

  private take(
    pull: any,
    wanted: Set<string>,
    found: Map<string, ProposedPullRequest>,
  ) {
    const head = pull?.head?.ref;
    if (typeof head !== 'string' || !wanted.has(head) || found.has(head)) {
      return;
    }
    if (pull?.base?.ref !== this.options.baseBranch) return;
    if (pull?.state !== undefined && pull.state !== 'open') return;
    const number = Number(pull?.number);
    const url = String(pull?.html_url ?? '');
    if (!Number.isInteger(number) || !/^https?:\/\//.test(url)) return;
    found.set(head, { number, url });
  }
}
