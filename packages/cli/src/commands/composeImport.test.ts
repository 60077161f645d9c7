import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseServiceSpecYaml } from '@internal/homelab-manifests';
import { createProgram } from '../index';

const FIXTURES = resolve(
  __dirname,
  '../../../../plugins/homelab-manifests/fixtures/compose',
);
const KARAKEEP = join(FIXTURES, 'karakeep.compose.yml');

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

  it('renders the whole media stack with --all, reading the .env beside it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'stack-'));
    const result = await run(
      'compose-import',
      join(FIXTURES, 'media/compose.yaml'),
      '--all',
      '-o',
      out,
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'namespace media (Pod Security restricted): 21 services',
    );
    expect(result.out).toContain('  qbittorrent: sidecar in vpn');
    expect(result.out).toContain(
      '  uptime-kuma: needs a decision: pin the image',
    );
    expect(readdirSync(join(out, 'media'))).toEqual(
      expect.arrayContaining([
        'kustomization.yaml',
        'namespace.yaml',
        'MIGRATION.md',
        'vpn',
        'n8n',
      ]),
    );
    expect(
      readFileSync(join(out, 'media/vpn/deployment.yaml'), 'utf8'),
    ).toContain('image: qmcgaw/gluetun:v3.39.1');
    const written = (readdirSync(out, { recursive: true }) as string[])
      .map(p => join(out, p))
      .filter(p => statSync(p).isFile())
      .map(p => readFileSync(p, 'utf8'))
      .join('\n');
    expect(written).toContain('WIREGUARD_PRIVATE_KEY');
    const env = readFileSync(join(FIXTURES, 'media/.env'), 'utf8');
    for (const key of [
      'WIREGUARD_PRIVATE_KEY',
      'SONARR_API_KEY',
      'POSTGRES_PASSWORD',
      'N8N_ENCRYPTION_KEY',
    ]) {
      const value = new RegExp(`^${key}=['"]?([^'"\\n]+)`, 'm').exec(env)![1];
      expect(value.length).toBeGreaterThan(10);
      expect(written + result.out).not.toContain(value);
    }
  });

  it('takes variables from the shell only with --use-env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    const file = join(dir, 'compose.yaml');
    writeFileSync(
      file,
      'services:\n  app:\n    image: "app:${APP_TAG:-1.0.0}"\n    ports: [80]\n',
    );
    process.env.APP_TAG = '9.9.9';
    try {
      const without = await run(
        'compose-import',
        file,
        'app',
        '--namespace',
        'x',
      );
      expect(parseServiceSpecYaml(without.out)).toMatchObject({
        spec: { image: 'app:1.0.0' },
      });
      const withEnv = await run(
        'compose-import',
        file,
        'app',
        '--namespace',
        'x',
        '--use-env',
      );
      expect(parseServiceSpecYaml(withEnv.out)).toMatchObject({
        spec: { image: 'app:9.9.9' },
      });
    } finally {
      delete process.env.APP_TAG;
    }
  });

  it("refuses an env_file outside the compose file's folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    mkdirSync(join(dir, 'stack'));
    writeFileSync(join(dir, 'secret.env'), 'TOKEN=abc\n');
    const file = join(dir, 'stack/compose.yaml');
    writeFileSync(
      file,
      'services:\n  app:\n    image: app:1.0\n    env_file: ../secret.env\n',
    );
    const result = await run('compose-import', file, 'app');
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      '"../secret.env" resolves outside the compose file\'s folder',
    );
  });

  it('names a required variable that is unset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, 'services:\n  app:\n    image: "app:${TAG:?pin it}"\n');
    const result = await run('compose-import', file, 'app');
    expect(result.code).toBe(1);
    expect(result.err).toContain('required variable TAG is not set (pin it)');
  });
});
