import { testGit } from '@internal/homelab-sim';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ensureEmbeddedRemote,
  GitopsCheckout,
} from '@internal/plugin-homelab-node';
import request from 'supertest';
import { createHomelabBackendPlugin } from '../plugin';

jest.setTimeout(60_000);

const git = testGit;

const unreachable = () => Promise.reject(new Error('connect ECONNREFUSED'));

/** A bare GitOps repository with main, and a clone to push branches from. */
function repository() {
  const root = mkdtempSync(join(tmpdir(), 'homelab-merge-'));
  const remote = join(root, 'remote.git');
  const work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
  // branches start from main's first commit unless told otherwise
  const branchPoint: { commit?: string } = {};
  const push = (
    ref: string,
    files: Record<string, string>,
    from = branchPoint.commit,
  ) => {
    if (from) git(work, 'checkout', '--quiet', '-B', 'tmp', from);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', `commit for ${ref}`);
    git(work, 'push', '--quiet', '--force', remote, `HEAD:refs/heads/${ref}`);
    return git(work, 'rev-parse', 'HEAD');
  };
  const base = push('main', {
    'manifests/media/kustomization.yaml': 'resources:\n  - jellyfin/\n',
    'README.md': 'the GitOps repository\n',
  });
  branchPoint.commit = base;
  const rev = (ref: string) => {
    try {
      return git(remote, 'rev-parse', '--verify', '--quiet', ref);
    } catch {
      return undefined;
    }
  };
  return { root, remote, push, base, rev };
}

const USER = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'mock', namespace: 'default' },
  spec: {
    profile: { displayName: 'Ada Admin', email: 'ada@home.arpa' },
    memberOf: ['homelab-admins'],
  },
};

async function start(
  gitops: object,
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  homelab: object = {},
) {
  const audit: string[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId, meta }) => ({
      success: async () => {
        audit.push(`${eventId} ${meta?.branch} success`);
      },
      fail: async ({ error }) => {
        audit.push(`${eventId} ${meta?.branch} fail: ${error.name}`);
      },
    }),
  });
  const { server } = await startTestBackend({
    features: [
      createHomelabBackendPlugin({
        createSources: () => ({
          ollamaName: 'test',
          namespace: 'ai',
          labelSelector: 'app.kubernetes.io/name=ollama',
          ollama: {
            version: unreachable,
            tags: unreachable,
            ps: unreachable,
            generate: unreachable,
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          homelab: { ...homelab, gitops },
          scaffolder: {
            defaultAuthor: { name: 'Homelab portal', email: 'portal@h.arpa' },
          },
        },
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.permissions.factory({ result }),
      catalogServiceMock.factory({ entities: [USER] }),
      auditor.factory,
    ],
  });
  const user = mockCredentials.user.header();
  return {
    audit,
    status: (name: string) =>
      request(server)
        .get(`/api/homelab/gitops/branches/scaffold/${name}`)
        .set('Authorization', user),
    merge: (name: string) =>
      request(server)
        .post(`/api/homelab/gitops/branches/scaffold/${name}/merge`)
        .set('Authorization', user),
  };
}

describe('merging a scaffold branch from the portal', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  const repo = () => {
    const r = repository();
    roots.push(r.root);
    return r;
  };

  it('fast-forwards the base branch when it has not moved, and deletes the branch', async () => {
    const r = repo();
    const tip = r.push('scaffold/miniflux', {
      'manifests/media/miniflux/deployment.yaml': 'kind: Deployment\n',
      'manifests/media/kustomization.yaml':
        'resources:\n  - jellyfin/\n  - miniflux/\n',
    });
    const api = await start({ remote: r.remote });

    const status = await api.status('miniflux').expect(200);
    expect(status.body).toMatchObject({
      branch: 'scaffold/miniflux',
      baseBranch: 'main',
      exists: true,
      commit: tip,
      canMerge: true,
    });
    expect(status.body.files.sort()).toEqual([
      'manifests/media/kustomization.yaml',
      'manifests/media/miniflux/deployment.yaml',
    ]);

    const merged = await api.merge('miniflux').expect(200);
    expect(merged.body).toMatchObject({ method: 'fast-forward', commit: tip });
    expect(r.rev('refs/heads/main')).toBe(tip);
    expect(r.rev('refs/heads/scaffold/miniflux')).toBeUndefined();

    expect(api.audit).toEqual(['gitops-merge scaffold/miniflux success']);
    const again = await api.merge('miniflux').expect(404);
    expect(again.body.error.message).toMatch(
      /scaffold\/miniflux is not in the GitOps repository/,
    );
    const after = await api.status('miniflux').expect(200);
    expect(after.body).toMatchObject({
      exists: false,
      canMerge: false,
      refusal: 'gone',
    });
  });

  it('makes a merge commit with the person as author and the portal as committer when the base moved', async () => {
    const r = repo();
    const tip = r.push('scaffold/notes', {
      'manifests/notes/notes/deployment.yaml': 'kind: Deployment\n',
    });
    const moved = r.push('main', { 'README.md': 'edited meanwhile\n' }, r.base);
    const api = await start({ remote: r.remote });

    const merged = await api.merge('notes').expect(200);
    expect(merged.body.method).toBe('merge-commit');
    const head = r.rev('refs/heads/main')!;
    expect(git(r.remote, 'rev-list', '--parents', '-n', '1', head)).toBe(
      `${head} ${moved} ${tip}`,
    );
    expect(git(r.remote, 'log', '-1', '--format=%an <%ae>|%cn <%ce>')).toBe(
      'Ada Admin <ada@home.arpa>|Homelab portal <portal@h.arpa>',
    );
    expect(git(r.remote, 'show', `${head}:README.md`)).toBe('edited meanwhile');
    expect(
      git(r.remote, 'show', `${head}:manifests/notes/notes/deployment.yaml`),
    ).toBe('kind: Deployment');
  });

  it('refuses a branch that does not merge cleanly, naming the file, and changes nothing', async () => {
    const r = repo();
    const tip = r.push('scaffold/miniflux', {
      'manifests/media/kustomization.yaml':
        'resources:\n  - jellyfin/\n  - miniflux/\n',
    });
    const moved = r.push(
      'main',
      {
        'manifests/media/kustomization.yaml':
          'resources:\n  - jellyfin/\n  - navidrome/\n',
      },
      r.base,
    );
    const api = await start({ remote: r.remote });
    const refused = await api.merge('miniflux').expect(409);
    expect(refused.body.error.message).toMatch(
      /scaffold\/miniflux does not merge cleanly into main: manifests\/media\/kustomization\.yaml/,
    );
    expect(r.rev('refs/heads/main')).toBe(moved);
    expect(r.rev('refs/heads/scaffold/miniflux')).toBe(tip);
  });

  it('refuses someone without homelab.gitops.merge, and says who has it', async () => {
    const r = repo();
    const tip = r.push('scaffold/miniflux', { 'a.yaml': 'a: 1\n' });
    const api = await start({ remote: r.remote }, AuthorizeResult.DENY);
    const status = await api.status('miniflux').expect(200);
    expect(status.body).toMatchObject({
      exists: true,
      canMerge: false,
      refusal: 'permission',
    });
    const refused = await api.merge('miniflux').expect(403);
    expect(refused.body.error.message).toMatch(/homelab\.gitops\.merge/);
    expect(api.audit).toEqual([
      'gitops-merge scaffold/miniflux fail: NotAllowedError',
    ]);
    expect(r.rev('refs/heads/main')).toBe(r.base);
    expect(r.rev('refs/heads/scaffold/miniflux')).toBe(tip);
  });

  it("leaves a forge remote to its pull request, listing the branch's files from the portal's checkout", async () => {
    const r = repo();
    const tip = r.push('scaffold/miniflux', { 'a.yaml': 'a: 1\n' });
    // the checkout the catalog keeps of the forge's repository, as last fetched
    const checkoutDir = join(r.root, 'checkout');
    await new GitopsCheckout({
      remote: { kind: 'local', path: r.remote },
      baseBranch: 'main',
      checkoutDir,
    }).fetch();
    const api = await start({
      remote: 'https://git.home.arpa/homelab/gitops.git',
      checkoutDir,
    });
    const status = await api.status('miniflux').expect(200);
    expect(status.body).toMatchObject({
      exists: true,
      commit: tip,
      files: ['a.yaml'],
      canMerge: false,
      refusal: 'forge',
    });
    const refused = await api.merge('miniflux').expect(403);
    expect(refused.body.error.message).toBe(
      'the GitOps repository is https://git.home.arpa/homelab/gitops: merge scaffold/miniflux into main in its pull request there',
    );
  });

  it('merges in the embedded default without touching the working tree it was made from', async () => {
    const r = repo();
    const dataDir = join(r.root, 'data');
    const previous = process.env.HOMELAB_DATA_DIR;
    process.env.HOMELAB_DATA_DIR = dataDir;
    try {
      const workingTree = join(r.root, 'work');
      writeFileSync(join(workingTree, 'README.md'), 'an uncommitted edit\n');
      const before = {
        head: git(workingTree, 'rev-parse', 'HEAD'),
        status: git(workingTree, 'status', '--porcelain'),
        refs: git(workingTree, 'for-each-ref'),
      };
      const embedded = join(dataDir, 'gitops', 'remote.git');
      await ensureEmbeddedRemote(
        { kind: 'local', path: embedded, seedFrom: workingTree },
        'main',
      );
      const clone = join(r.root, 'clone');
      git(r.root, 'clone', '--quiet', embedded, clone);
      mkdirSync(join(clone, 'manifests/media/miniflux'), { recursive: true });
      writeFileSync(
        join(clone, 'manifests/media/miniflux/deployment.yaml'),
        'kind: Deployment\n',
      );
      git(clone, 'add', '.');
      git(clone, 'commit', '--quiet', '-m', 'scaffold');
      git(
        clone,
        'push',
        '--quiet',
        'origin',
        'HEAD:refs/heads/scaffold/miniflux',
      );

      const api = await start({}, AuthorizeResult.ALLOW, {
        repositoryRoot: workingTree,
      });
      const merged = await api.merge('miniflux').expect(200);
      expect(git(embedded, 'rev-parse', 'main')).toBe(merged.body.commit);
      expect({
        head: git(workingTree, 'rev-parse', 'HEAD'),
        status: git(workingTree, 'status', '--porcelain'),
        refs: git(workingTree, 'for-each-ref'),
      }).toEqual(before);
    } finally {
      if (previous === undefined) delete process.env.HOMELAB_DATA_DIR;
      else process.env.HOMELAB_DATA_DIR = previous;
    }
  });

  it('refuses a local repository with a working tree, and names that are no scaffold name', async () => {
    const r = repo();
    const api = await start({ remote: join(r.root, 'work') });
    const refused = await api.merge('miniflux').expect(403);
    expect(refused.body.error.message).toMatch(
      /a repository with a working tree/,
    );
    const bad = await api.merge('..%2Fmain').expect(400);
    expect(bad.body.error.message).toMatch(
      /^name: "\.\.\/main" is not a scaffold branch name/,
    );
  });
});
