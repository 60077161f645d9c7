import { GitopsCredentialsProvider } from './credentials';
import { fetchWithForgeCredentials } from './forgeAuthorization';

const credentials = { username: 'portal', password: 'secret', source: 'test' };

function recorder() {
  const seen: Array<{ url: string; authorization: string | null }> = [];
  const fetchImpl = (async (input: string, init?: RequestInit) => {
    seen.push({
      url: input,
      authorization: new Headers(init?.headers).get('authorization'),
    });
    return new Response('[]');
  }) as unknown as typeof fetch;
  return { seen, fetchImpl };
}

describe('fetchWithForgeCredentials', () => {
  it('asks for the credentials at each request and sends them as the forge expects', async () => {
    const { seen, fetchImpl } = recorder();
    const provider = GitopsCredentialsProvider.of(credentials);
    const ask = jest.spyOn(provider, 'getCredentials');
    const github = fetchWithForgeCredentials(
      fetchImpl,
      provider,
      'github',
      'https://api.github.com',
    );
    await github('https://api.github.com/repos/a/b/pulls');
    await github('https://api.github.com/repos/a/b/pulls?page=2');
    const gitea = fetchWithForgeCredentials(
      fetchImpl,
      provider,
      'gitea',
      'https://git.home.arpa/api/v1',
    );
    await gitea('https://git.home.arpa/api/v1/repos/a/b/pulls');
    expect(ask).toHaveBeenCalledTimes(3);
    expect(seen.map(s => s.authorization)).toEqual([
      'Bearer secret',
      'Bearer secret',
      `Basic ${Buffer.from('portal:secret').toString('base64')}`,
    ]);
  });

  it('sends nothing to a URL outside the API base', async () => {
    const { seen, fetchImpl } = recorder();
    const gitea = fetchWithForgeCredentials(
      fetchImpl,
      GitopsCredentialsProvider.of(credentials),
      'gitea',
      'https://git.home.arpa/api/v1',
    );
    await gitea('https://elsewhere.example/api/v1/repos/a/b/pulls');
    await gitea('https://git.home.arpa/api/v10/x');
    expect(seen.map(s => s.authorization)).toEqual([null, null]);
  });
});
