import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLintInputs } from './readLintInputs';

const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: media }
spec: { selector: { app: web }, ports: [ { port: 80 } ] }
`;

describe('readLintInputs', () => {
  let base: string;
  let tree: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-inputs-'));
    tree = path.join(base, 'manifests');
    fs.mkdirSync(path.join(tree, 'media'), { recursive: true });
    fs.mkdirSync(path.join(base, 'host'));
    fs.writeFileSync(path.join(tree, 'media/service.yaml'), SERVICE);
    fs.writeFileSync(
      path.join(base, 'host/secret.yaml'),
      'password: hunter2\n',
    );
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('refuses a link in the folder that leads out of it, naming the file, and reads none of it', () => {
    const link = path.join(tree, 'media/passwd.yaml');
    fs.symlinkSync('/etc/passwd', link);
    fs.symlinkSync(
      '../../host/secret.yaml',
      path.join(tree, 'media/secret.yaml'),
    );
    const read = readLintInputs([tree]);
    expect(read.problems).toEqual([
      `${link}: is a link to a place outside ${tree}; not read. Lint the file where it is, or replace the link with a copy`,
      `${path.join(
        tree,
        'media/secret.yaml',
      )}: is a link to a place outside ${tree}; not read. Lint the file where it is, or replace the link with a copy`,
    ]);
    expect(read.inputs.map(i => i.content).join('')).not.toContain('hunter2');
    expect(read.inputs.map(i => i.content).join('')).not.toContain('root:');
  });

  it('reads a link that stays in the folder', () => {
    fs.symlinkSync('service.yaml', path.join(tree, 'media/alias.yaml'));
    const read = readLintInputs([tree]);
    expect(read.problems).toEqual([]);
    expect(read.inputs.map(i => path.relative(tree, i.path))).toEqual([
      'media/alias.yaml',
      'media/service.yaml',
    ]);
    expect(read.inputs[0].root).toBe(tree);
  });

  it('does not follow a linked folder out of the tree', () => {
    fs.symlinkSync(path.join(base, 'host'), path.join(tree, 'host'));
    const read = readLintInputs([tree]);
    expect(read.inputs.map(i => path.relative(tree, i.path))).toEqual([
      'media/service.yaml',
    ]);
  });

  it('never opens a FIFO found in the folder', () => {
    execFileSync('mkfifo', [path.join(tree, 'media/pipe.yaml')]);
    const read = readLintInputs([tree]);
    expect(read.problems).toEqual([]);
    expect(read.inputs).toHaveLength(1);
  });

  it('reads a file the person typed, wherever it is', () => {
    const typed = path.join(base, 'host/secret.yaml');
    const read = readLintInputs([typed]);
    expect(read.problems).toEqual([]);
    expect(read.inputs).toEqual([
      {
        path: typed,
        content: 'password: hunter2\n',
        root: path.dirname(typed),
      },
    ]);
  });
});
