import type { FetchLike } from '../transport';
import type {
  GitopsCredentials,
  GitopsCredentialsProvider,
} from './credentials';
import type { PullRequestProvider } from './types';

/**
 * The Authorization header of a forge's REST API: GitHub takes the token as a Bearer
 * token; Gitea and Forgejo basic auth of the integration's username and password or token.
 */
export function forgeAuthorization(
  forge: PullRequestProvider,
  credentials: GitopsCredentials,
): string {
  if (forge === 'github') return `Bearer ${credentials.password}`;
  return `Basic ${Buffer.from(
    `${credentials.username}:${credentials.password}`,
  ).toString('base64')}`;
}

/**
 * A fetch that adds the forge's Authorization header, with credentials asked for at each
 * request (an installation token may have expired since the last), and only for URLs
 * below `apiBaseUrl`, so a redirect elsewhere never carries them.
 */
export function fetchWithForgeCredentials(
  fetchImpl: FetchLike,
  credentials: GitopsCredentialsProvider,
  forge: PullRequestProvider,
  apiBaseUrl: string | undefined,
): FetchLike {
  return async (input, init) => {
    const url = new URL(
      typeof input === 'string' || input instanceof URL ? input : input.url,
    );
    const headers = new Headers(init?.headers);
    if (
      apiBaseUrl &&
      forge !== 'none' &&
      url.href.startsWith(`${apiBaseUrl.replace(/\/$/, '')}/`) &&
      !headers.has('authorization')
    ) {
      const found = await credentials.getCredentials();
      if (found) headers.set('Authorization', forgeAuthorization(forge, found));
    }
    return fetchImpl(input, { ...init, headers });
  };
}
