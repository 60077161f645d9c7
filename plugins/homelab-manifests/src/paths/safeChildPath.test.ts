import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutsideRootError, safeChildPath } from './safeChildPath';

describe('safeChildPath', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-child-'));
    root = path.join(base, 'stack');
    outside = path.join(base, 'elsewhere');
    fs.mkdirSync(path.join(root, 'config'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'config', 'app.env'), 'A=1\n');
    fs.writeFileSync(path.join(outside, 'secret.env'), 'B=2\n');
    fs.symlinkSync(outside, path.join(root, 'escape'));
    fs.symlinkSync(path.join(root, 'config'), path.join(root, 'cfg'));
  });

  it('gives the real path of a file inside the folder', () => {
    expect(safeChildPath(root, 'config/app.env')).toBe(
      path.join(fs.realpathSync(root), 'config', 'app.env'),
    );
  });

  it('accepts a link that stays inside the folder', () => {
    expect(safeChildPath(root, 'cfg/app.env')).toBe(
      path.join(fs.realpathSync(root), 'config', 'app.env'),
    );
  });

  it('accepts a path that does not exist yet inside the folder', () => {
    expect(safeChildPath(root, 'new/dir/file.yaml')).toBe(
      path.join(fs.realpathSync(root), 'new', 'dir', 'file.yaml'),
    );
  });

  it.each([
    ['../elsewhere/secret.env'],
    ['/etc/passwd'],
    ['config/../../elsewhere/secret.env'],
    ['escape/secret.env'],
    ['escape/not-yet.env'],
  ])('refuses %s, naming the path and the root', requested => {
    expect(() =>
      safeChildPath(root, requested, "the compose file's folder"),
    ).toThrow(OutsideRootError);
    expect(() =>
      safeChildPath(root, requested, "the compose file's folder"),
    ).toThrow(`"${requested}" resolves outside the compose file's folder`);
  });
});
