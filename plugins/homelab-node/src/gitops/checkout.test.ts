import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GitopsCheckout } from './checkout';

const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@test.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@test.invalid',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...identity },
  }).trim();

/** A bare remote with `main`, and a working clone to push commits from. */
function setUp() {
  const root = mkdtempSync(join(tmpdir(), 'gitops-checkout-'));
  const remote = join(root, 'remote.git');
  const work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
  const commit = (files: Record<string, string>, message: string) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', message);
    return git(work, 'rev-parse', 'HEAD');
  };
  const push = (ref = 'main') =>
    git(work, 'push', '--quiet', '--force', remote, `HEAD:refs/heads/${ref}`);
  const checkoutDir = join(root, 'data', 'gitops', 'checkout');
  const checkout = new GitopsCheckout({
    remote: { kind: 'local', path: remote },
    baseBranch: 'main',
    checkoutDir,
  });
  return { root, remote, work, commit, push, checkoutDir, checkout };
}

// Every case runs git a dozen times; the machine may be busy.
jest.setTimeout(60_000);

describe('GitopsCheckout', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('clones the base branch on first use and follows a new commit on fetch', async () => {
    const t = setUp();
    roots.push(t.root);
    const first = t.commit(
      { 'manifests/ai/catalog-info.yaml': 'kind: Component\n' },
      'first',
    );
    t.push();

    const cloned = await t.checkout.ensure();
    expect(cloned.head).toBe(first);
    expect(
      readFileSync(
        join(t.checkoutDir, 'manifests/ai/catalog-info.yaml'),
        'utf8',
      ),
    ).toBe('kind: Component\n');

    const second = t.commit({ 'docs/phases/p.md': '# Plan\n' }, 'second');
    t.push();
    // ensure() on an existing clone does not ask the remote
    expect((await t.checkout.ensure()).head).toBe(first);
    const fetched = await t.checkout.fetch();
    expect(fetched.head).toBe(second);
    expect(existsSync(join(t.checkoutDir, 'docs/phases/p.md'))).toBe(true);
    expect((await t.checkout.fetch()).changed).toBe(false);
  });

  it('follows the remote even when its base branch was rewritten, and drops local edits', async () => {
    const t = setUp();
    roots.push(t.root);
    t.commit({ 'a.yaml': 'a: 1\n' }, 'one');
    t.push();
    await t.checkout.fetch();
    writeFileSync(join(t.checkoutDir, 'a.yaml'), 'edited locally\n');
    writeFileSync(join(t.checkoutDir, 'stray.yaml'), 'stray\n');

    git(t.work, 'commit', '--quiet', '--amend', '-m', 'rewritten');
    const rewritten = git(t.work, 'rev-parse', 'HEAD');
    t.push();
    const state = await t.checkout.fetch();
    expect(state.head).toBe(rewritten);
    expect(readFileSync(join(t.checkoutDir, 'a.yaml'), 'utf8')).toBe('a: 1\n');
    expect(existsSync(join(t.checkoutDir, 'stray.yaml'))).toBe(false);
    expect(git(t.checkoutDir, 'log', '--format=%s')).toBe('rewritten');
  });

  it('lists the scaffold branches of the remote and forgets one deleted there', async () => {
    const t = setUp();
    roots.push(t.root);
    t.commit({ 'a.yaml': 'a: 1\n' }, 'base');
    t.push();
    git(t.work, 'checkout', '--quiet', '-b', 'scaffold/paperless');
    const proposal = t.commit({ 'docs/phases/paperless.md': '# P\n' }, 'add');
    t.push('scaffold/paperless');
    t.push('feature/other');

    const state = await t.checkout.fetch();
    expect(state.proposals).toEqual([
      {
        branch: 'scaffold/paperless',
        ref: 'refs/remotes/origin/scaffold/paperless',
        commit: proposal,
      },
    ]);
    // the working files stay on the base branch
    expect(existsSync(join(t.checkoutDir, 'docs/phases/paperless.md'))).toBe(
      false,
    );

    git(t.work, 'push', '--quiet', t.remote, ':refs/heads/scaffold/paperless');
    const after = await t.checkout.fetch();
    expect(after.changed).toBe(true);
    expect(after.proposals).toEqual([]);
  });

  it('checks a committed symlink out as a plain file, so nothing leads out of the checkout', async () => {
    const t = setUp();
    roots.push(t.root);
    symlinkSync('/etc/passwd', join(t.work, 'catalog-info.yaml'));
    t.commit({}, 'a link');
    t.push();
    await t.checkout.ensure();
    const file = join(t.checkoutDir, 'catalog-info.yaml');
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('/etc/passwd');
  });

  it('tells listeners of a fetch that changed something, and runs calls on one folder one at a time', async () => {
    const t = setUp();
    roots.push(t.root);
    const first = t.commit({ 'a.yaml': 'a: 1\n' }, 'one');
    t.push();
    const heads: string[] = [];
    const unsubscribe = t.checkout.onChange(s => {
      heads.push(s.head);
    });
    // A second instance on the same folder shares the queue and the listeners.
    const twin = new GitopsCheckout({
      remote: { kind: 'local', path: t.remote },
      baseBranch: 'main',
      checkoutDir: t.checkoutDir,
    });
    const results = await Promise.all([
      t.checkout.fetch(),
      twin.fetch(),
      twin.ensure(),
    ]);
    expect(results.map(r => r.head)).toEqual([first, first, first]);
    expect(heads).toEqual([first]);
    const second = t.commit({ 'b.yaml': 'b: 1\n' }, 'two');
    t.push();
    await twin.fetch();
    expect(heads).toEqual([first, second]);
    unsubscribe();
  });

  it('names the missing base branch and refuses a folder that is not a checkout', async () => {
    const t = setUp();
    roots.push(t.root);
    await expect(t.checkout.ensure()).rejects.toThrow(
      /has no branch main; push one or set homelab\.gitops\.baseBranch/,
    );
    expect(existsSync(t.checkoutDir)).toBe(false);

    t.commit({ 'a.yaml': 'a: 1\n' }, 'one');
    t.push();
    mkdirSync(t.checkoutDir, { recursive: true });
    writeFileSync(join(t.checkoutDir, 'notes.txt'), 'mine\n');
    await expect(t.checkout.ensure()).rejects.toThrow(
      /exists and is not a git checkout/,
    );
    expect(readFileSync(join(t.checkoutDir, 'notes.txt'), 'utf8')).toBe(
      'mine\n',
    );
  });

  it('creates the embedded default remote from the working tree on first use', async () => {
    const t = setUp();
    roots.push(t.root);
    const head = t.commit({ 'catalog-info.yaml': 'kind: Location\n' }, 'wt');
    const remote = join(t.root, 'data', 'gitops', 'remote.git');
    const checkout = new GitopsCheckout({
      remote: { kind: 'local', path: remote, seedFrom: t.work },
      baseBranch: 'main',
      checkoutDir: t.checkoutDir,
    });
    expect((await checkout.ensure()).head).toBe(head);
    expect(git(remote, 'rev-parse', 'refs/heads/main')).toBe(head);
    // the working tree's own repository is unchanged
    expect(git(t.work, 'status', '--porcelain')).toBe('');
  });
});
