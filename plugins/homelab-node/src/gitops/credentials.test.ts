import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  type GitHttpServer,
  type GithubAppApi,
  startGitHttpServer,
  startGithubAppApi,
} from '@internal/homelab-sim';
import { GitopsCheckout } from './checkout';
import { readGitopsConfig } from './config';
import { GitopsCredentialsProvider } from './credentials';

const remoteOf = (url: string) =>
  readGitopsConfig(
    new ConfigReader({ homelab: { gitops: { remote: url } } }),
    '/srv/data',
  ).remote;

describe('GitopsCredentialsProvider: tokens and basic auth', () => {
  const gitea = remoteOf('https://git.home.arpa/homelab/gitops.git');
  const github = remoteOf('https://github.com/me/home-ops.git');

  it('takes Gitea/Forgejo credentials from integrations.gitea for the host', async () => {
    const config = new ConfigReader({
      integrations: {
        gitea: [
          { host: 'other.home.arpa', username: 'x', password: 'y' },
          { host: 'git.home.arpa', username: 'portal', password: 'token' },
        ],
      },
    });
    await expect(
      GitopsCredentialsProvider.fromConfig(config, gitea).getCredentials(),
    ).resolves.toEqual({
      username: 'portal',
      password: 'token',
      source: 'integrations.gitea[1] (git.home.arpa)',
    });
  });

  it('sends a GitHub token as x-access-token and has nothing for other hosts or a local path', async () => {
    const config = new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'ghp_x' }] },
    });
    await expect(
      GitopsCredentialsProvider.fromConfig(config, github).getCredentials(),
    ).resolves.toMatchObject({ username: 'x-access-token', password: 'ghp_x' });
    await expect(
      GitopsCredentialsProvider.fromConfig(config, gitea).getCredentials(),
    ).resolves.toBeUndefined();
    const local = readGitopsConfig(config, '/srv/data').remote;
    await expect(
      GitopsCredentialsProvider.fromConfig(config, local).getCredentials(),
    ).resolves.toBeUndefined();
  });

  it('refuses a Gitea password without a username, naming the entry and not the password', () => {
    const config = new ConfigReader({
      integrations: {
        gitea: [{ host: 'git.home.arpa', password: 'secret-token-1' }],
      },
    });
    let message = '';
    try {
      GitopsCredentialsProvider.fromConfig(config, gitea);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /integrations\.gitea\[0\] \(git\.home\.arpa\): username is missing/,
    );
    expect(message).not.toContain('secret-token-1');
  });
});

describe('GitopsCredentialsProvider: a GitHub App', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    // GitHub hands out app keys as PKCS#1 ("BEGIN RSA PRIVATE KEY")
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const users: Record<string, string> = {};
  let forge: GitHttpServer;
  let api: GithubAppApi;
  let dataDir: string;
  let now: jest.SpyInstance<number, []>;
  const realNow = Date.now.bind(Date);
  let offsetMs = 0;

  beforeAll(async () => {
    forge = await startGitHttpServer({ users });
    forge.createRepository('homelab', 'gitops', join(__dirname, '../../../..'));
    api = await startGithubAppApi({
      appId: 42,
      publicKey,
      installations: [{ id: 7, login: 'homelab' }],
      // the git server takes only the newest installation token
      onToken: token => {
        users['x-access-token'] = token;
      },
    });
    now = jest
      .spyOn(Date, 'now')
      .mockImplementation(() => realNow() + offsetMs);
  });
  afterAll(async () => {
    now.mockRestore();
    await forge.close();
    await api.close();
  });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'gitops-app-'));
    api.issued.length = 0;
    api.requests.length = 0;
    offsetMs = 0;
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const config = (app: object = {}) =>
    new ConfigReader({
      homelab: { gitops: { remote: forge.repoUrl('homelab', 'gitops') } },
      integrations: {
        github: [
          {
            host: new URL(forge.baseUrl).host,
            apiBaseUrl: api.baseUrl,
            apps: [
              {
                appId: 42,
                privateKey,
                clientId: 'Iv1.0123456789abcdef',
                clientSecret: 'client-secret-value',
                webhookSecret: 'webhook-secret-value',
                ...app,
              },
            ],
          },
        ],
      },
    });

  it('fetches with an installation token, reuses it while valid and fetches a second one after it expired', async () => {
    const checkout = GitopsCheckout.fromConfig(config(), dataDir);
    await checkout.fetch();
    expect(api.issued).toHaveLength(1);
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /app/installations',
      'POST /app/installations/7/access_tokens',
    ]);

    await checkout.fetch();
    expect(api.issued).toHaveLength(1);

    // past the token's hour (Backstage renews 10 minutes before expires_at)
    offsetMs = 51 * 60_000;
    await checkout.fetch();
    expect(api.issued).toHaveLength(2);
    expect(users['x-access-token']).toBe(api.issued[1].token);
    expect(api.issued[1].token).not.toBe(api.issued[0].token);
  });

  it('names the entry when the app is not installed on the owner, without a secret', async () => {
    const other = new ConfigReader({
      homelab: { gitops: { remote: forge.repoUrl('someone-else', 'gitops') } },
      integrations: config().getConfig('integrations').get() as any,
    });
    const provider = GitopsCredentialsProvider.fromConfig(
      other,
      readGitopsConfig(other, dataDir).remote,
    );
    const error = await provider.getCredentials().catch(e => e);
    expect(error.message).toMatch(
      /^integrations\.github\[0\] \(127\.0\.0\.1:\d+, GitHub App 42\): the GitHub App is not installed on someone-else/,
    );
  });

  it('names the entry when GitHub refuses the app JWT, without a secret', async () => {
    const wrong = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const cfg = config({ privateKey: wrong });
    const provider = GitopsCredentialsProvider.fromConfig(
      cfg,
      readGitopsConfig(cfg, dataDir).remote,
    );
    const error = await provider.getCredentials().catch(e => e);
    expect(error.message).toMatch(
      /^integrations\.github\[0\] \([^)]+, GitHub App 42\): no token for /,
    );
    for (const secret of [
      wrong,
      'client-secret-value',
      'webhook-secret-value',
    ]) {
      expect(error.message).not.toContain(secret);
    }
  });
});
