import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { GitHttpServer, startGitHttpServer } from './gitHttpServer';

jest.setTimeout(60_000);

const auth = `Basic ${Buffer.from('portal:pw').toString('base64')}`;

describe('the loopback git server', () => {
  const dir = createMockDirectory();
  let server: GitHttpServer;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=T', '-c', 'user.email=t@x', ...args],
      {
        cwd,
        encoding: 'utf8',
      },
    ).trim();
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}/api/v1/repos/homelab/gitops${path}`, {
      ...init,
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
    });

  beforeAll(async () => {
    server = await startGitHttpServer({ users: { portal: 'pw' } });
    const seed = join(dir.path, 'seed');
    fs.mkdirSync(seed);
    fs.writeFileSync(join(seed, 'README.md'), '# home-ops\n');
    git(seed, 'init', '--quiet', '--initial-branch=main');
    git(seed, 'add', '.');
    git(seed, 'commit', '--quiet', '-m', 'seed');
    server.createRepository('homelab', 'gitops', seed);
    git(seed, 'checkout', '--quiet', '-b', 'scaffold/miniflux');
    fs.writeFileSync(join(seed, 'miniflux.yaml'), 'kind: ConfigMap\n');
    git(seed, 'add', '.');
    git(seed, 'commit', '--quiet', '-m', 'miniflux');
    git(
      seed,
      'push',
      '--quiet',
      server.repoPath('homelab', 'gitops'),
      'scaffold/miniflux',
    );
  });
  afterAll(() => server.close());

  it('refuses git and API requests without credentials (401 with a Basic challenge)', async () => {
    const res = await fetch(
      `${server.baseUrl}/homelab/gitops.git/info/refs?service=git-upload-pack`,
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Basic realm="test forge"',
    );
    expect(
      (await fetch(`${server.baseUrl}/api/v1/repos/homelab/gitops/pulls`))
        .status,
    ).toBe(401);
  });

  it("answers Gitea's pulls API: 201 on create, 409 for the same targets, list, get and merge into the base branch", async () => {
    const body = JSON.stringify({
      title: 'Add miniflux',
      head: 'scaffold/miniflux',
      base: 'main',
      body: 'files',
    });
    const created = await api('/pulls', { method: 'POST', body });
    expect(created.status).toBe(201);
    const pull = await created.json();
    expect(pull).toMatchObject({
      number: 1,
      state: 'open',
      merged: false,
      head: { ref: 'scaffold/miniflux' },
      base: { ref: 'main' },
    });
    expect(pull.html_url).toBe(`${server.baseUrl}/homelab/gitops/pulls/1`);

    const again = await api('/pulls', { method: 'POST', body });
    expect(again.status).toBe(409);
    expect((await again.json()).message).toMatch(
      /^pull request already exists for these targets/,
    );

    expect(
      (await (await api('/pulls?state=open')).json()).map((p: any) => p.number),
    ).toEqual([1]);
    expect(
      (
        await api('/pulls/1/merge', {
          method: 'POST',
          body: JSON.stringify({ Do: 'merge' }),
        })
      ).status,
    ).toBe(200);
    expect(await (await api('/pulls/1')).json()).toMatchObject({
      state: 'closed',
      merged: true,
    });
    const bare = server.repoPath('homelab', 'gitops');
    expect(git(bare, 'show', 'main:miniflux.yaml')).toBe('kind: ConfigMap');
    expect(git(bare, 'log', '-1', '--format=%s', 'main')).toBe(
      "Merge pull request 'Add miniflux' (#1)",
    );
    expect(
      (await api('/pulls/1/merge', { method: 'POST', body: '{}' })).status,
    ).toBe(405);
  });
});
