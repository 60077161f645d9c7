import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  type GitHttpServer,
  type GithubAppApi,
  startGitHttpServer,
  startGithubAppApi,
} from '@internal/homelab-sim';
import {
  GitopsCredentialsProvider,
  readGitopsConfig,
} from '@internal/plugin-homelab-node';
import { GitopsRepository } from './gitopsRepository';
import { openPullRequest } from './pullRequests';

const PORTAL = { name: 'Homelab portal', email: 'portal@homelab.home.arpa' };

// A GitOps repository on GitHub reached through a GitHub App (integrations.github[].apps):
// git over HTTPS as x-access-token with the installation token, the pulls API with it as
// a Bearer token, a new token once the last expired.
describe('publishing through a GitHub App', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const users: Record<string, string> = {};
  let forge: GitHttpServer;
  let api: GithubAppApi;
  let dataDir: string;
  let offsetMs = 0;
  const realNow = Date.now.bind(Date);
  let now: jest.SpyInstance<number, []>;

  beforeAll(async () => {
    forge = await startGitHttpServer({ users });
    forge.createRepository(
      'homelab',
      'gitops',
      resolve(__dirname, '../../../..'),
    );
    api = await startGithubAppApi({
      appId: 42,
      publicKey,
      installations: [{ id: 7, login: 'homelab' }],
      // only the newest installation token opens the repository
      onToken: token => {
        users['x-access-token'] = token;
      },
    });
    now = jest
      .spyOn(Date, 'now')
      .mockImplementation(() => realNow() + offsetMs);
    dataDir = mkdtempSync(join(tmpdir(), 'gitops-app-'));
  });
  afterAll(async () => {
    now.mockRestore();
    await forge.close();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('pushes and opens the pull request with the installation token, and with a second one after it expired', async () => {
    const config = new ConfigReader({
      homelab: {
        gitops: {
          remote: forge.repoUrl('homelab', 'gitops'),
          pullRequests: { provider: 'github', apiBaseUrl: api.baseUrl },
        },
      },
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
              },
            ],
          },
        ],
      },
    });
    const gitops = readGitopsConfig(config, dataDir);
    const credentials = GitopsCredentialsProvider.fromConfig(
      config,
      gitops.remote,
    );
    const repository = new GitopsRepository({
      remote: gitops.remote,
      baseBranch: gitops.baseBranch,
      cacheDir: gitops.cacheDir,
      credentials,
    });
    const publish = async (name: string) => {
      await repository.exclusive(async () => {
        const commit = await repository.commit({
          files: [
            {
              path: `manifests/${name}/a.yaml`,
              content: Buffer.from('a: 1\n'),
              executable: false,
            },
          ],
          message: `Scaffold ${name}`,
          author: PORTAL,
          committer: PORTAL,
        });
        await repository.pushNewBranch(commit, `scaffold/${name}`);
      });
      return openPullRequest(gitops.pullRequests, credentials, {
        title: `Add ${name}`,
        body: '',
        head: `scaffold/${name}`,
        base: 'main',
      });
    };
    const pullAuthorizations = () =>
      api.requests
        .filter(r => r.path.endsWith('/pulls'))
        .map(r => r.authorization);

    await expect(publish('first')).resolves.toMatchObject({ number: 1 });
    expect(api.issued).toHaveLength(1);
    expect(forge.lsRemote('homelab', 'gitops')).toContain(
      'refs/heads/scaffold/first',
    );
    expect(pullAuthorizations()).toEqual([`Bearer ${api.issued[0].token}`]);

    offsetMs = 51 * 60_000;
    await expect(publish('second')).resolves.toMatchObject({ number: 2 });
    expect(api.issued).toHaveLength(2);
    expect(forge.lsRemote('homelab', 'gitops')).toContain(
      'refs/heads/scaffold/second',
    );
    expect(pullAuthorizations()).toEqual([
      `Bearer ${api.issued[0].token}`,
      `Bearer ${api.issued[1].token}`,
    ]);
  });
});
