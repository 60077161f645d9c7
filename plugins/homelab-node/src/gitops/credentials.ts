import type { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  type GiteaIntegration,
  type GithubIntegration,
  ScmIntegrations,
} from '@backstage/integration';
import type { GitopsRemote } from './types';

/** HTTP basic credentials for a GitOps remote, from Backstage's `integrations` config. */
export interface GitopsCredentials {
  username: string;
  password: string;
  /** Which integration entry they came from, for messages (never the secret). */
  source: string;
}

/** The integration's credentials could not be had; the message names the entry, never a secret. */
export class GitopsCredentialsError extends Error {
  readonly name = 'GitopsCredentialsError';
}

/**
 * The credentials of a GitOps remote, asked for at each use: a GitHub App's installation
 * token expires after an hour, so nothing may hold one from the start. Read through
 * Backstage's own integration library: `integrations.gitea[]` (Gitea and Forgejo,
 * `username` and `password` or token, sent as basic auth) and `integrations.github[]`
 * (`token` or `apps`, through DefaultGithubCredentialsProvider, which fetches and caches
 * installation tokens; sent as the password of `x-access-token`, as GitHub documents for
 * HTTPS git).
 */
export class GitopsCredentialsProvider {
  constructor(
    /** The integration entry, for messages; undefined when none is configured for the host. */
    readonly source: string | undefined,
    private readonly fetchCredentials: () => Promise<
      GitopsCredentials | undefined
    >,
  ) {}

  /** For a remote of `homelab.gitops`: none for a local path or a host without an entry. */
  static fromConfig(
    config: Config,
    remote: GitopsRemote,
  ): GitopsCredentialsProvider {
    if (remote.kind !== 'url') return GitopsCredentialsProvider.none();
    const integrations = ScmIntegrations.fromConfig(config);
    const gitea = integrations.gitea.byHost(remote.host);
    if (gitea) return fromGitea(gitea, entryName(config, 'gitea', remote.host));
    const github = integrations.github.byHost(remote.host);
    if (github) {
      const apps = (github.config.apps ?? []).map(app => app.appId);
      const name = entryName(
        config,
        'github',
        remote.host,
        apps.length ? `GitHub App ${apps.join(', ')}` : undefined,
      );
      return fromGithub(integrations, github, remote.url, name);
    }
    return GitopsCredentialsProvider.none();
  }

  /** Fixed credentials (tests, or a caller that already has them). */
  static of(credentials?: GitopsCredentials): GitopsCredentialsProvider {
    return new GitopsCredentialsProvider(credentials?.source, async () =>
      credentials ? { ...credentials } : undefined,
    );
  }

  static none(): GitopsCredentialsProvider {
    return GitopsCredentialsProvider.of(undefined);
  }

  getCredentials(): Promise<GitopsCredentials | undefined> {
    return this.fetchCredentials();
  }
}

/** `integrations.gitea[1] (git.home.arpa)`: the entry as config files spell it. */
function entryName(
  config: Config,
  kind: 'gitea' | 'github',
  host: string,
  detail?: string,
): string {
  const entries = config.getOptionalConfigArray(`integrations.${kind}`) ?? [];
  const index = entries.findIndex(
    entry => (entry.getOptionalString('host') ?? 'github.com') === host,
  );
  const what = [host, detail].filter(Boolean).join(', ');
  return `integrations.${kind}${index >= 0 ? `[${index}]` : ''} (${what})`;
}

function fromGitea(integration: GiteaIntegration, source: string) {
  const { username, password } = integration.config;
  if (!password)
    return new GitopsCredentialsProvider(source, async () => undefined);
  if (!username) {
    throw new GitopsCredentialsError(
      `${source}: username is missing; git over HTTPS sends the username with the password or token (basic auth), so set both`,
    );
  }
  return GitopsCredentialsProvider.of({ username, password, source });
}

function fromGithub(
  integrations: ScmIntegrations,
  integration: GithubIntegration,
  url: string,
  source: string,
) {
  const { host, apps = [], token, apiBaseUrl } = integration.config;
  if (apps.length === 0 && !token) {
    return new GitopsCredentialsProvider(source, async () => undefined);
  }
  if (apps.length > 0 && !apiBaseUrl) {
    throw new GitopsCredentialsError(
      `${source}: apiBaseUrl is missing; a GitHub App's installation tokens come from the REST API, e.g. https://${host}/api/v3 for GitHub Enterprise Server`,
    );
  }
  const secrets = [
    token,
    ...apps.flatMap(a => [a.privateKey, a.clientSecret, a.webhookSecret]),
  ].filter((s): s is string => Boolean(s));
  // one provider per remote: it caches installation tokens until 10 minutes before they expire
  const github =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const owner = new URL(url).pathname.split('/').filter(Boolean)[0];
  return new GitopsCredentialsProvider(source, async () => {
    const answer = await github.getCredentials({ url }).catch(error => {
      throw new GitopsCredentialsError(
        `${source}: no token for ${url}: ${redact(
          error instanceof Error ? error.message : String(error),
          secrets,
        )}; check appId, privateKey and the app's installation on ${owner}`,
      );
    });
    if (!answer.token) {
      throw new GitopsCredentialsError(
        `${source}: the GitHub App is not installed on ${owner} (no installation with that account in GET /app/installations); install it there, or add a token`,
      );
    }
    return { username: 'x-access-token', password: answer.token, source };
  });
}

function redact(message: string, secrets: string[]): string {
  return secrets.reduce(
    (text, secret) => text.split(secret).join('***'),
    message,
  );
}
