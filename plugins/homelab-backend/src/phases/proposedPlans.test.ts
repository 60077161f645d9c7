import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { PhasePlanList } from '@internal/plugin-homelab-common';
import { ConfigReader } from '@backstage/config';
import { GitopsCheckout } from '@internal/plugin-homelab-node';
import request from 'supertest';
// The loopback forge of the publish action's tests: git-http-backend and Gitea's pulls API.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startGitHttpServer, testGit } from '@internal/homelab-sim';
import { createHomelabBackendPlugin } from '../plugin';

jest.setTimeout(60_000);

const git = testGit;

function writeFiles(root: string, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const plan = (phase: string, title: string, status: string) =>
  `# Phase ${phase}: ${title}\n\n> **Status:** ${status}\n\n- [ ] ${phase}.1 First step\n`;

const USER = 'portal';
const PASSWORD = 'forge-token';

/**
 * Gitea's `GET /api/v1/repos/{owner}/{repo}/pulls` as Gitea documents it (an array of
 * pull requests with number, html_url, state, head.ref, base.ref), behind basic auth.
 */
async function startPullsApi(pulls: object[]) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString(
      'base64',
    )}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'token is required' }));
      return;
    }
    const url = new URL(req.url!, 'http://127.0.0.1');
    if (url.pathname !== '/api/v1/repos/homelab/gitops/pulls') {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found' }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        url.searchParams.get('page') === '1' ? pulls : ([] as object[]),
      ),
    );
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    seen,
    close: () => new Promise(r => server.close(r)),
  };
}

describe('GET /phases: plans of scaffold branches until they are merged', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('lists a branch plan as proposed with its pull request, then as a normal plan once merged', async () => {
    const root = mkdtempSync(join(tmpdir(), 'proposed-plans-'));
    roots.push(root);
    const remote = join(root, 'remote.git');
    const work = join(root, 'work');
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    git(root, 'init', '--quiet', '--initial-branch=main', work);
    writeFiles(work, {
      'docs/phases/backups.md': plan('9', 'Backups', 'In Progress'),
    });
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'base');
    git(work, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
    // The publish action's branch: a plan and the entity that points at it.
    git(work, 'checkout', '--quiet', '-b', 'scaffold/paperless');
    writeFiles(work, {
      'docs/phases/paperless.md': plan('12', 'Paperless', 'Planned'),
      'manifests/docs/paperless/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: paperless
  annotations:
    homelab.dev/phase-plan: docs/phases/paperless.md
spec:
  type: service
  lifecycle: experimental
  owner: group:default/homelab-admins
`,
    });
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'Add paperless');
    git(work, 'push', '--quiet', remote, 'HEAD:refs/heads/scaffold/paperless');

    // The working tree the image holds: an older copy of the base branch's plan.
    const image = join(root, 'image');
    writeFiles(image, {
      'docs/phases/backups.md': plan('9', 'Backups', 'Planned'),
    });

    const api = await startPullsApi([
      {
        id: 3,
        number: 3,
        state: 'open',
        html_url: 'http://forge.test/homelab/gitops/pulls/3',
        head: { ref: 'scaffold/other', label: 'scaffold/other' },
        base: { ref: 'main', label: 'homelab/gitops:main' },
      },
      {
        id: 7,
        number: 7,
        state: 'open',
        html_url: 'http://forge.test/homelab/gitops/pulls/7',
        head: { ref: 'scaffold/paperless', label: 'scaffold/paperless' },
        base: { ref: 'main', label: 'homelab/gitops:main' },
      },
    ]);
    const checkoutDir = join(root, 'data/gitops/checkout');
    // The catalog module keeps the checkout; here the test clones and fetches it.
    const checkout = new GitopsCheckout({
      remote: { kind: 'local', path: remote },
      baseBranch: 'main',
      checkoutDir,
    });
    await checkout.fetch();

    const { server } = await startTestBackend({
      features: [
        createHomelabBackendPlugin({
          createSources: () => ({
            ollamaName: 'test',
            namespace: 'ai',
            labelSelector: 'app.kubernetes.io/name=ollama',
            ollama: {} as any,
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            homelab: {
              repositoryRoot: image,
              phases: { folders: ['docs/phases'] },
              gitops: {
                remote: `http://${api.host}/homelab/gitops.git`,
                checkoutDir,
                pullRequests: { provider: 'gitea' },
              },
            },
            integrations: {
              gitea: [{ host: api.host, username: USER, password: PASSWORD }],
            },
            catalog: {
              locations: [
                { type: 'homelab-gitops', target: 'catalog-info.yaml' },
              ],
            },
          },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        // The branch's entity as the catalog module shows it meanwhile: marked proposed,
        // at the path it will have in the checkout, where its plan is not yet.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'paperless',
                namespace: 'default',
                tags: ['proposed'],
                annotations: {
                  'homelab.dev/phase-plan': 'docs/phases/paperless.md',
                  'homelab.dev/proposed-branch': 'scaffold/paperless',
                  'backstage.io/managed-by-location': `file:${join(
                    checkoutDir,
                    'manifests/docs/paperless/catalog-info.yaml',
                  )}`,
                  'backstage.io/managed-by-origin-location':
                    'homelab-gitops:catalog-info.yaml',
                },
              },
              spec: { type: 'service' },
            },
          ],
        }),
      ],
    });
    const list = async (): Promise<PhasePlanList> =>
      (
        await request(server)
          .get('/api/homelab/phases')
          .set('Authorization', mockCredentials.user.header())
          .expect(200)
      ).body;

    const before = await list();
    expect(before.problems).toEqual([]);
    const proposed = before.plans.find(
      p => p.file === 'docs/phases/paperless.md',
    );
    expect(proposed).toMatchObject({
      title: 'Phase 12: Paperless',
      status: 'planned',
      proposed: {
        branch: 'scaffold/paperless',
        pullRequest: {
          number: 7,
          url: 'http://forge.test/homelab/gitops/pulls/7',
        },
      },
      entityRefs: ['component:default/paperless'],
    });
    // The base branch's plan comes from the checkout, not the image's older copy.
    const backups = before.plans.filter(
      p => p.file === 'docs/phases/backups.md',
    );
    expect(backups.map(p => [p.status, p.proposed])).toEqual([
      ['in-progress', undefined],
    ]);
    expect(api.seen[0]).toMatch(
      /^GET \/api\/v1\/repos\/homelab\/gitops\/pulls\?state=open/,
    );

    // The pull request is merged on the forge; the checkout's next fetch sees it.
    git(work, 'checkout', '--quiet', 'main');
    git(
      work,
      'merge',
      '--quiet',
      '--no-ff',
      '-m',
      'Merge #7',
      'scaffold/paperless',
    );
    git(work, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
    await checkout.fetch();

    const after = await list();
    const merged = after.plans.filter(
      p => p.file === 'docs/phases/paperless.md',
    );
    expect(merged).toHaveLength(1);
    expect(merged[0].proposed).toBeUndefined();
    expect(merged[0].status).toBe('planned');
    await api.close();
  });

  it('follows a pull request on a loopback forge: cloned over HTTP with the integration credentials, proposed with its number, normal after the forge merges it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'proposed-forge-'));
    roots.push(root);
    const forge = await startGitHttpServer({ users: { [USER]: PASSWORD } });
    const seed = join(root, 'seed');
    git(root, 'init', '--quiet', '--initial-branch=main', seed);
    writeFiles(seed, {
      'docs/phases/backups.md': plan('9', 'Backups', 'In Progress'),
    });
    git(seed, 'add', '.');
    git(seed, 'commit', '--quiet', '-m', 'base');
    forge.createRepository('homelab', 'gitops', seed);
    // What the publish action pushes, and the pull request it opens.
    git(seed, 'checkout', '--quiet', '-b', 'scaffold/paperless');
    writeFiles(seed, {
      'docs/phases/paperless.md': plan('12', 'Paperless', 'Planned'),
    });
    git(seed, 'add', '.');
    git(seed, 'commit', '--quiet', '-m', 'Add paperless');
    git(
      seed,
      'push',
      '--quiet',
      forge.repoPath('homelab', 'gitops'),
      'HEAD:refs/heads/scaffold/paperless',
    );
    const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString(
      'base64',
    )}`;
    const opened = await fetch(
      `${forge.baseUrl}/api/v1/repos/homelab/gitops/pulls`,
      {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          head: 'scaffold/paperless',
          base: 'main',
          title: 'Add paperless',
        }),
      },
    );
    expect(opened.status).toBe(201);
    const pull = await opened.json();

    const host = new URL(forge.baseUrl).host;
    const data = {
      homelab: {
        repositoryRoot: seed,
        phases: { folders: [] },
        gitops: {
          remote: forge.repoUrl('homelab', 'gitops'),
          checkoutDir: join(root, 'checkout'),
          pullRequests: { provider: 'gitea' },
        },
      },
      integrations: {
        gitea: [{ host, username: USER, password: PASSWORD }],
      },
      catalog: {
        locations: [{ type: 'homelab-gitops', target: 'catalog-info.yaml' }],
      },
    };
    const wrong = GitopsCheckout.fromConfig(
      new ConfigReader({
        ...data,
        integrations: {
          gitea: [{ host, username: USER, password: 'not-it' }],
        },
      }),
      root,
    );
    await expect(wrong.ensure()).rejects.toThrow(
      `refused the credentials of integrations.gitea[0] (${host})`,
    );
    const checkout = GitopsCheckout.fromConfig(new ConfigReader(data), root);
    await checkout.fetch();

    const { server } = await startTestBackend({
      features: [
        createHomelabBackendPlugin({
          createSources: () => ({
            ollamaName: 'test',
            namespace: 'ai',
            labelSelector: 'app.kubernetes.io/name=ollama',
            ollama: {} as any,
          }),
        }),
        mockServices.rootConfig.factory({ data }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const paperless = async () =>
      (
        (
          await request(server)
            .get('/api/homelab/phases')
            .set('Authorization', mockCredentials.user.header())
            .expect(200)
        ).body as PhasePlanList
      ).plans.filter(p => p.file === 'docs/phases/paperless.md');

    expect((await paperless()).map(p => p.proposed)).toEqual([
      {
        branch: 'scaffold/paperless',
        pullRequest: { number: pull.number, url: pull.html_url },
      },
    ]);

    const merged = await fetch(
      `${forge.baseUrl}/api/v1/repos/homelab/gitops/pulls/${pull.number}/merge`,
      {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ Do: 'merge' }),
      },
    );
    expect(merged.status).toBe(200);
    await checkout.fetch();
    expect((await paperless()).map(p => p.proposed)).toEqual([undefined]);
    await forge.close();
  });
});
