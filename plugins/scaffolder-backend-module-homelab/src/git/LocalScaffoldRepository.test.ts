import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { LocalScaffoldRepository } from './LocalScaffoldRepository';

const identity = { name: 'Homelab portal', email: 'portal@homelab.home.arpa' };
const gitOut = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('LocalScaffoldRepository', () => {
  const dir = createMockDirectory();
  beforeEach(() => {
    dir.clear();
    dir.setContent({
      source: { 'manifests/a/b/catalog-info.yaml': 'kind: Component\n' },
    });
  });

  it('rolls back the branch and working copy when the copy fails, so the name can be retried', async () => {
    const repo = new LocalScaffoldRepository(join(dir.path, 'data'), identity);
    const full = jest
      .spyOn(fsPromises, 'writeFile')
      .mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    await expect(
      repo.publish('svc', join(dir.path, 'source'), 'msg'),
    ).rejects.toThrow('ENOSPC');
    full.mockRestore();
    expect(fs.existsSync(repo.workingCopyOf('svc'))).toBe(false);
    expect(gitOut(repo.repositoryPath, 'branch', '--list', 'scaffold/*')).toBe(
      '',
    );

    const result = await repo.publish('svc', join(dir.path, 'source'), 'msg');
    expect(gitOut(result.workingCopyPath, 'log', '--format=%s', '-1')).toBe(
      'msg',
    );
  });

  it('publishes concurrent tasks one after the other', async () => {
    const repo = new LocalScaffoldRepository(join(dir.path, 'data'), identity);
    const names = ['one', 'two', 'three'];
    const results = await Promise.all(
      names.map(n => repo.publish(n, join(dir.path, 'source'), n)),
    );
    expect(results.map(r => r.branch)).toEqual(names.map(n => `scaffold/${n}`));
    expect(
      gitOut(
        repo.repositoryPath,
        'branch',
        '--list',
        'scaffold/*',
        '--format=%(refname:short)',
      )
        .split('\n')
        .sort(),
    ).toEqual(['scaffold/one', 'scaffold/three', 'scaffold/two']);
  });

  it('takes back a published branch unless its working copy has changes', async () => {
    const repo = new LocalScaffoldRepository(join(dir.path, 'data'), identity);
    await repo.publish('clean', join(dir.path, 'source'), 'msg');
    await repo.publish('edited', join(dir.path, 'source'), 'msg');
    fs.writeFileSync(join(repo.workingCopyOf('edited'), 'notes.md'), 'mine');

    expect(await repo.unpublish('clean')).toBe(true);
    expect(await repo.unpublish('edited')).toBe(false);
    expect(await repo.unpublish('never-published')).toBe(false);

    expect(fs.existsSync(repo.workingCopyOf('clean'))).toBe(false);
    expect(
      fs.readFileSync(join(repo.workingCopyOf('edited'), 'notes.md'), 'utf8'),
    ).toBe('mine');
    expect(
      gitOut(
        repo.repositoryPath,
        'branch',
        '--list',
        'scaffold/*',
        '--format=%(refname:short)',
      ),
    ).toBe('scaffold/edited');
    await expect(repo.assertFree('clean')).resolves.toBeUndefined();
  });

  it('refuses a source folder that does not exist, before creating the repository', async () => {
    const repo = new LocalScaffoldRepository(join(dir.path, 'data'), identity);
    await expect(
      repo.publish('svc', join(dir.path, 'missing'), 'msg'),
    ).rejects.toThrow('ENOENT');
    expect(fs.existsSync(join(dir.path, 'data'))).toBe(false);
  });

  it.each([['../escape'], ['a/b'], ['-x'], ['']])(
    'refuses the name %j as a folder and branch name',
    name => {
      const repo = new LocalScaffoldRepository(
        join(dir.path, 'data'),
        identity,
      );
      expect(() => repo.workingCopyOf(name)).toThrow('name: ');
      expect(() => repo.branchOf(name)).toThrow('name: ');
    },
  );
});
