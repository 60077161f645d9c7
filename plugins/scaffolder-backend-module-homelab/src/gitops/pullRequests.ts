import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  forgeAuthorization,
  type GitopsCredentialsProvider,
  type GitopsPullRequests,
} from '@internal/plugin-homelab-node';

export interface PullRequestRequest {
  title: string;
  body: string;
  head: string;
  base: string;
}

export interface OpenedPullRequest {
  number: number;
  url: string;
}

type FetchLike = typeof fetch;

/**
 * Opens a pull request with `POST /repos/{owner}/{repo}/pulls`, the shape Gitea and Forgejo
 * (their shared API, authenticated with basic auth of the integration's username and
 * password or token) and GitHub (a Bearer token, `Accept: application/vnd.github+json`)
 * document. The credentials are asked for now (an installation token expires after an
 * hour). Answers the forges document for an existing pull request (Gitea 409, GitHub
 * 422 "A pull request already exists") become a ConflictError; 401 and 403 a
 * NotAllowedError naming the integration entry.
 */
export async function openPullRequest(
  settings: GitopsPullRequests,
  credentialsProvider: GitopsCredentialsProvider | undefined,
  request: PullRequestRequest,
  fetchImpl: FetchLike = fetch,
): Promise<OpenedPullRequest> {
  const { provider, apiBaseUrl, owner, repo } = settings;
  if (provider === 'none' || !apiBaseUrl || !owner || !repo) {
    throw new Error('homelab.gitops.pullRequests: no provider configured');
  }
  const credentials = await credentialsProvider
    ?.getCredentials()
    .catch(error => {
      throw new NotAllowedError(
        `homelab.gitops.pullRequests: ${error.message}`,
      );
    });
  if (!credentials) {
    throw new NotAllowedError(
      `homelab.gitops.pullRequests: opening a ${provider} pull request needs credentials; add integrations.${
        provider === 'github' ? 'github' : 'gitea'
      }[] for ${new URL(apiBaseUrl).host}`,
    );
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    Authorization: forgeAuthorization(provider, credentials),
  };
  if (provider === 'github') {
    headers.Accept = 'application/vnd.github+json';
    headers['X-GitHub-Api-Version'] = '2022-11-28';
  }
  const url = `${apiBaseUrl}/repos/${encodeURIComponent(
    owner,
  )}/${encodeURIComponent(repo)}/pulls`;
  const response = await fetchImpl(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let answer: any;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = { message: text.slice(0, 200) };
  }
  const forgeMessage = [
    answer?.message,
    ...(Array.isArray(answer?.errors)
      ? answer.errors.map((e: any) => e?.message ?? e?.code)
      : []),
  ]
    .filter(Boolean)
    .join('; ');
  if (response.status === 201 && typeof answer?.number === 'number') {
    return {
      number: answer.number,
      url: String(answer.html_url ?? answer.url),
    };
  }
  const where = `${provider} ${owner}/${repo}`;
  if (
    response.status === 409 ||
    (response.status === 422 && /already exists/i.test(forgeMessage))
  ) {
    throw new ConflictError(
      `a pull request from ${request.head} into ${request.base} already exists on ${where} (${forgeMessage}); open it there, or choose another name`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new NotAllowedError(
      `${where} refused to open the pull request (${response.status}${
        forgeMessage ? `: ${forgeMessage}` : ''
      }); check the credentials of ${
        credentials.source
      }: they need write access to pull requests`,
    );
  }
  throw new Error(
    `${where} answered ${response.status} to the pull request${
      forgeMessage ? `: ${forgeMessage}` : ''
    }`,
  );
}

/** The web page comparing the scaffold branch with the base branch. */
export function compareUrl(
  webUrl: string | undefined,
  base: string,
  branch: string,
): string | undefined {
  if (!webUrl) return undefined;
  // GitHub, Gitea and Forgejo all read /compare/<base>...<head>
  return `${webUrl}/compare/${encodeURIComponent(base)}...${branch
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
}
