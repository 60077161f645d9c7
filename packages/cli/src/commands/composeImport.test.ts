import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseServiceSpecYaml } from '@internal/homelab-manifests';
import { createProgram } from '../index';

const KARAKEEP = resolve(
  __dirname,
  '../../../../plugins/homelab-manifests/fixtures/compose/karakeep.compose.yml',
);

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(chunk => out.push(String(chunk)) > 0);
  const stderr = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation(chunk => err.push(String(chunk)) > 0);
  process.exitCode = undefined;
  try {
    await createProgram().parseAsync(['node', 'homelab', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { out: out.join(''), err: err.join(''), code };
}

describe('homelab compose-import', () => {
  it('writes a draft spec that validates, with unmapped keys as comments', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'compose-')), 'web.yaml');
    const result = await run(
      'compose-import',
      KARAKEEP,
      'web',
      '--namespace',
      'karakeep',
      '-o',
      target,
    );
    expect(result).toMatchObject({ code: 0, out: `wrote ${target}\n` });
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('#   - container_name: not carried over');
    expect(text).toContain(
      '# Secret variables (values not copied; create the Secret outside git): NEXTAUTH_SECRET, MEILI_MASTER_KEY',
    );
    expect(parseServiceSpecYaml(text).success).toBe(true);
  });

  it('prints the draft on stdout without -o', async () => {
    const result = await run(
      'compose-import',
      KARAKEEP,
      'chrome',
      '--namespace',
      'karakeep',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('#   - cap_add: refused');
    expect(parseServiceSpecYaml(result.out)).toMatchObject({
      success: true,
      spec: { name: 'chrome' },
    });
  });

  it('never overwrites an existing output file', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'compose-')), 'web.yaml');
    writeFileSync(target, 'mine');
    const result = await run('compose-import', KARAKEEP, 'web', '-o', target);
    expect(result.code).toBe(2);
    expect(result.err).toContain('already exists; nothing was written');
    expect(readFileSync(target, 'utf8')).toBe('mine');
  });

  it('names the services that exist when the service is unknown', async () => {
    const result = await run('compose-import', KARAKEEP, 'api');
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'service "api" is not in the compose file; it defines: web, chrome, meilisearch',
    );
  });
});
