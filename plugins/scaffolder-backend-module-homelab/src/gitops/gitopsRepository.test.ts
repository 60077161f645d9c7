import { testGit } from '@internal/homelab-sim';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  GitopsCheckout,
  type GitopsRemote,
} from '@internal/plugin-homelab-node';
import { GitopsRepository } from './gitopsRepository';

const REPOSITORY_ROOT = resolve(__dirname, '../../../..');
const PORTAL = { name: 'Homelab portal', email: 'portal@homelab.home.arpa' };

const git = testGit;

/** `git count-objects -v` of the cache: its own objects, loose and packed. */
const ownObjects = (dir: string) => {
  const fields = Object.fromEntries(
    git(dir, 'count-objects', '-v')
      .split('\n')
      .map(line => line.split(': ')),
  );
  return { loose: Number(fields.count), packed: Number(fields['in-pack']) };
};

describe('GitopsRepository: the cache borrows the checkout objects', () => {
  let dir: string;
  let remote: GitopsRemote;
  let remotePath: string;
  let checkout: GitopsCheckout;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gitops-cache-'));
    remotePath = join(dir, 'remote.git');
    git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remotePath);
    git(REPOSITORY_ROOT, 'push', '--quiet', remotePath, 'HEAD:refs/heads/main');
    remote = { kind: 'local', path: remotePath };
    checkout = new GitopsCheckout({
      remote,
      baseBranch: 'main',
      checkoutDir: join(dir, 'checkout'),
    });
    await checkout.fetch();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const repository = (borrow: boolean) =>
    new GitopsRepository({
      remote,
      baseBranch: 'main',
      cacheDir: join(dir, 'cache'),
      borrowObjectsFrom: borrow ? checkout.dir : undefined,
    });

  it('fetches nothing the checkout has, and still pushes the new branch to the remote', async () => {
    const cache = repository(true);
    const base = await cache.exclusive(() => cache.baseCommit());
    expect(base).toBe(git(remotePath, 'rev-parse', 'main'));
    expect(ownObjects(join(dir, 'cache'))).toEqual({ loose: 0, packed: 0 });

    await cache.exclusive(async () => {
      const commit = await cache.commit({
        files: [
          {
            path: 'manifests/demo/x.yaml',
            content: Buffer.from('a: 1\n'),
            executable: false,
          },
        ],
        message: 'Scaffold x',
        author: PORTAL,
        committer: PORTAL,
      });
      await cache.pushNewBranch(commit, 'scaffold/x');
    });
    expect(git(remotePath, 'show', 'scaffold/x:manifests/demo/x.yaml')).toBe(
      'a: 1',
    );
    // the new commit, its three trees and the blob: nothing of the base
    expect(ownObjects(join(dir, 'cache'))).toEqual({ loose: 5, packed: 0 });
  });

  it('fetches only what the checkout lacks when the remote moved on', async () => {
    const work = join(dir, 'work');
    git(dir, 'clone', '--quiet', remotePath, work);
    git(work, 'commit', '--quiet', '--allow-empty', '-m', 'later');
    git(work, 'push', '--quiet', 'origin', 'HEAD:main');

    const cache = repository(true);
    expect(await cache.exclusive(() => cache.baseCommit())).toBe(
      git(remotePath, 'rev-parse', 'main'),
    );
    // one commit (its tree is the base's), unpacked as a loose object
    expect(ownObjects(join(dir, 'cache'))).toEqual({ loose: 1, packed: 0 });
  });

  it('without a checkout to borrow from, downloads the base itself', async () => {
    const cache = repository(false);
    await cache.exclusive(() => cache.baseCommit());
    const own = ownObjects(join(dir, 'cache'));
    expect(own.loose + own.packed).toBeGreaterThan(100);
  });

  it('stops borrowing when the checkout is gone, and fetches the base again', async () => {
    const cache = repository(true);
    await cache.exclusive(() => cache.baseCommit());
    rmSync(checkout.dir, { recursive: true, force: true });
    const base = await cache.exclusive(() => cache.baseCommit());
    expect(git(join(dir, 'cache'), 'cat-file', '-t', base)).toBe('commit');
    expect(ownObjects(join(dir, 'cache')).packed).toBeGreaterThan(100);
  });
});
