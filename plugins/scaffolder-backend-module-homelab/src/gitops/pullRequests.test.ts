import {
  GitopsCredentialsProvider,
  type GitopsPullRequests,
} from '@internal/plugin-homelab-node';
import { compareUrl, openPullRequest } from './pullRequests';

/** A fetch that records the request and answers what the forge's documentation shows. */
function forge(status: number, answer: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

const request = {
  title: 'Add miniflux',
  body: '### Files\n',
  head: 'scaffold/miniflux',
  base: 'main',
};
const giteaCredentials = GitopsCredentialsProvider.of({
  username: 'portal',
  password: 'gitea-token',
  source: 'integrations.gitea[0] (git.home.arpa)',
});
const githubCredentials = GitopsCredentialsProvider.of({
  username: 'x-access-token',
  password: 'ghp_token',
  source: 'integrations.github[0] (github.com)',
});
const settings = (
  provider: 'gitea' | 'forgejo' | 'github',
): GitopsPullRequests => ({
  provider,
  apiBaseUrl:
    provider === 'github'
      ? 'https://api.github.com'
      : 'https://git.home.arpa/api/v1',
  owner: 'homelab',
  repo: 'gitops',
});

// Gitea's swagger (and Forgejo's, the same API): POST /repos/{owner}/{repo}/pulls takes
// CreatePullRequestOption and answers 201 PullRequest, 409 when one exists for the
// targets, errors as APIError { message, url }.
describe.each(['gitea', 'forgejo'] as const)('%s pull requests', provider => {
  it('posts CreatePullRequestOption with basic auth and returns the number and page of the 201 answer', async () => {
    const { calls, fetchImpl } = forge(201, {
      id: 17,
      number: 4,
      state: 'open',
      title: 'Add miniflux',
      html_url: 'https://git.home.arpa/homelab/gitops/pulls/4',
      url: 'https://git.home.arpa/api/v1/repos/homelab/gitops/pulls/4',
      head: { ref: 'scaffold/miniflux', label: 'scaffold/miniflux' },
      base: { ref: 'main', label: 'main' },
    });
    await expect(
      openPullRequest(settings(provider), giteaCredentials, request, fetchImpl),
    ).resolves.toEqual({
      number: 4,
      url: 'https://git.home.arpa/homelab/gitops/pulls/4',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(
      'https://git.home.arpa/api/v1/repos/homelab/gitops/pulls',
    );
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as any).Authorization).toBe(
      `Basic ${Buffer.from('portal:gitea-token').toString('base64')}`,
    );
    expect(JSON.parse(String(calls[0].init.body))).toEqual(request);
  });

  it('says a pull request already exists on 409', async () => {
    const { fetchImpl } = forge(409, {
      message:
        'pull request already exists for these targets [id: 17, issue_id: 21, head_repo_id: 3, base_repo_id: 3, head_branch: scaffold/miniflux, base_branch: main]',
      url: 'https://git.home.arpa/api/swagger',
    });
    await expect(
      openPullRequest(settings(provider), giteaCredentials, request, fetchImpl),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'a pull request from scaffold/miniflux into main already exists',
      ),
    });
  });

  it.each([401, 403])(
    'names the integration entry on %i, without the token',
    async status => {
      const { fetchImpl } = forge(status, {
        message:
          status === 401
            ? 'token is required'
            : 'user should have permission to write to target branch',
        url: 'https://git.home.arpa/api/swagger',
      });
      const error = await openPullRequest(
        settings(provider),
        giteaCredentials,
        request,
        fetchImpl,
      ).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toContain(
        `refused to open the pull request (${status}`,
      );
      expect(error.message).toContain(
        'check the credentials of integrations.gitea[0] (git.home.arpa)',
      );
      expect(error.message).not.toContain('gitea-token');
    },
  );
});

// GitHub's REST reference, "Create a pull request": Bearer token, Accept
// application/vnd.github+json; 201 with the pull request; 422 "Validation Failed" with
// errors[].message "A pull request already exists for <owner>:<branch>."; 401 "Bad credentials";
// 403 "Resource not accessible by integration".
describe('GitHub pull requests', () => {
  it('posts with a Bearer token and the API version header and reads the 201 answer', async () => {
    const { calls, fetchImpl } = forge(201, {
      url: 'https://api.github.com/repos/homelab/gitops/pulls/1347',
      id: 1,
      html_url: 'https://github.com/homelab/gitops/pull/1347',
      number: 1347,
      state: 'open',
      title: 'Add miniflux',
      head: { label: 'homelab:scaffold/miniflux', ref: 'scaffold/miniflux' },
      base: { label: 'homelab:main', ref: 'main' },
    });
    await expect(
      openPullRequest(
        settings('github'),
        githubCredentials,
        request,
        fetchImpl,
      ),
    ).resolves.toEqual({
      number: 1347,
      url: 'https://github.com/homelab/gitops/pull/1347',
    });
    expect(calls[0].url).toBe(
      'https://api.github.com/repos/homelab/gitops/pulls',
    );
    expect(calls[0].init.headers).toMatchObject({
      Authorization: 'Bearer ghp_token',
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
    });
    expect(JSON.parse(String(calls[0].init.body))).toEqual(request);
  });

  it('says a pull request already exists on 422 "A pull request already exists"', async () => {
    const { fetchImpl } = forge(422, {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message:
            'A pull request already exists for homelab:scaffold/miniflux.',
        },
      ],
      documentation_url:
        'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
      status: '422',
    });
    await expect(
      openPullRequest(
        settings('github'),
        githubCredentials,
        request,
        fetchImpl,
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'A pull request already exists for homelab:scaffold/miniflux.',
      ),
    });
  });

  it('reports another 422 (a head branch GitHub does not know) as it is, not as a conflict', async () => {
    const { fetchImpl } = forge(422, {
      message: 'Validation Failed',
      errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
      status: '422',
    });
    const error = await openPullRequest(
      settings('github'),
      githubCredentials,
      request,
      fetchImpl,
    ).catch(e => e);
    expect(error.name).toBe('Error');
    expect(error.message).toBe(
      'github homelab/gitops answered 422 to the pull request: Validation Failed; invalid',
    );
  });

  it.each([
    [401, 'Bad credentials'],
    [403, 'Resource not accessible by integration'],
  ])('names the integration entry on %i (%s)', async (status, message) => {
    const { fetchImpl } = forge(status, {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
    });
    await expect(
      openPullRequest(
        settings('github'),
        githubCredentials,
        request,
        fetchImpl,
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        `(${status}: ${message}); check the credentials of integrations.github[0] (github.com)`,
      ),
    });
  });
});

describe('without a pull-request provider', () => {
  it('links the compare page of the branch', () => {
    expect(
      compareUrl(
        'https://git.home.arpa/homelab/gitops',
        'main',
        'scaffold/miniflux',
      ),
    ).toBe(
      'https://git.home.arpa/homelab/gitops/compare/main...scaffold/miniflux',
    );
    expect(compareUrl(undefined, 'main', 'scaffold/miniflux')).toBeUndefined();
  });

  it('refuses to open one without credentials, naming the integration to add', async () => {
    await expect(
      openPullRequest(
        settings('forgejo'),
        undefined,
        request,
        forge(201, {}).fetchImpl,
      ),
    ).rejects.toThrow(
      /needs credentials; add integrations\.gitea\[\] for git\.home\.arpa/,
    );
  });
});
