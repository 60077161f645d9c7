import type { Config } from '@backstage/config';
import type { GitopsRemote } from './types';

/** HTTP basic credentials for a GitOps remote, from Backstage's `integrations` config. */
export interface GitopsCredentials {
  username: string;
  password: string;
  /** Which integration entry they came from, for messages (never the secret). */
  source: string;
}

/**
 * The credentials Backstage's `integrations` config holds for the remote's host:
 * `integrations.gitea[]` (Gitea and Forgejo: `username` and `password`, which may be an
 * access token) or `integrations.github[]` (`token`, sent as the password of
 * `x-access-token`, as GitHub documents for HTTPS git). Undefined for a local remote or
 * a host without an entry.
 */
export function readGitopsCredentials(
  config: Config,
  remote: GitopsRemote,
): GitopsCredentials | undefined {
  if (remote.kind !== 'url') return undefined;
  const host = remote.host;
  for (const [index, gitea] of (
    config.getOptionalConfigArray('integrations.gitea') ?? []
  ).entries()) {
    if (hostOf(gitea) !== host) continue;
    const username = gitea.getOptionalString('username');
    const password = gitea.getOptionalString('password');
    if (username && password) {
      return {
        username,
        password,
        source: `integrations.gitea[${index}] (${host})`,
      };
    }
  }
  for (const [index, github] of (
    config.getOptionalConfigArray('integrations.github') ?? []
  ).entries()) {
    if ((github.getOptionalString('host') ?? 'github.com') !== host) continue;
    const token = github.getOptionalString('token');
    if (token) {
      return {
        username: 'x-access-token',
        password: token,
        source: `integrations.github[${index}] (${host})`,
      };
    }
  }
  return undefined;
}

function hostOf(gitea: Config): string | undefined {
  const host = gitea.getOptionalString('host');
  const baseUrl = gitea.getOptionalString('baseUrl');
  if (baseUrl) {
    try {
      return new URL(baseUrl).host;
    } catch {
      return host;
    }
  }
  return host;
}
