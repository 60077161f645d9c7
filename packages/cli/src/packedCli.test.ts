import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI_DIR = path.resolve(__dirname, '..');

// Build + pack (cached by input hash) and an offline install of ~4,000 files.
jest.setTimeout(300_000);

async function exec(file: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: Number(e.code ?? 1), stdout: e.stdout, stderr: e.stderr };
  }
}

// A privileged container: a Pod Security baseline error on line 16 of the file.
const BROKEN = `# media: the web frontend, deliberately privileged
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: media
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;

describe('the packed homelab CLI, installed into an empty folder', () => {
  let dir: string;
  let homelab: string;

  beforeAll(async () => {
    const packed = await exec(
      process.execPath,
      [path.join(CLI_DIR, 'scripts/pack.mjs')],
      CLI_DIR,
    );
    if (packed.code !== 0) {
      throw new Error(`pack.mjs failed (${packed.code}): ${packed.stderr}`);
    }
    const tarball = packed.stdout.trim();
    // Outside the repository, so nothing can resolve from the portal's node_modules.
    dir = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-packed-')),
    );
    const install = await exec(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        '--offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        tarball,
      ],
      dir,
    );
    if (install.code !== 0) {
      throw new Error(`npm install of ${tarball} failed: ${install.stderr}`);
    }
    homelab = path.join(dir, 'node_modules/.bin/homelab');
    const manifests = path.join(dir, 'manifests/media');
    fs.mkdirSync(manifests, { recursive: true });
    fs.writeFileSync(path.join(manifests, 'web.yaml'), BROKEN);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is a built package: bin and exports into dist, no sources, no internal dependencies', () => {
    const installed = path.join(dir, 'node_modules/@internal/homelab-cli');
    const manifest = JSON.parse(
      fs.readFileSync(path.join(installed, 'package.json'), 'utf8'),
    );
    expect(manifest.bin).toEqual({ homelab: 'bin/homelab.cjs' });
    expect(manifest.exports['.']).toBe('./dist/index.cjs');
    expect(manifest.main).toBeUndefined();
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@kubernetes-models/gateway-api',
      'kubernetes-models',
    ]);
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules/@backstage'))).toBe(
      false,
    );
    expect(
      fs.existsSync(path.join(dir, 'node_modules/@internal/homelab-manifests')),
    ).toBe(false);
  });

  it('annotates the error at its file and line with --format github (npx homelab), exit 1', async () => {
    const result = await exec(
      'npx',
      ['--offline', 'homelab', 'lint', '--format', 'github', 'manifests/'],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toContainEqual(
      expect.stringMatching(
        /^::error file=manifests\/media\/web\.yaml,line=16,title=pss\/privileged::container web runs privileged/,
      ),
    );
  });

  it('writes a SARIF 2.1.0 result for the error with --format sarif, exit 1', async () => {
    const result = await exec(
      homelab,
      ['lint', '--format', 'sarif', 'manifests/'],
      dir,
    );
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.rules).toContainEqual(
      expect.objectContaining({ id: 'pss/privileged' }),
    );
    expect(sarifRun.results).toContainEqual(
      expect.objectContaining({
        ruleId: 'pss/privileged',
        level: 'error',
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: 'manifests/media/web.yaml',
                uriBaseId: '%SRCROOT%',
              },
              region: { startLine: 16 },
            },
          },
        ],
      }),
    );
  });

  it('checks schemas from the bundled kubernetes-models: an unknown field is an error', async () => {
    fs.writeFileSync(
      path.join(dir, 'typo.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: media}\ndatta: {a: b}\n',
    );
    const result = await exec(
      homelab,
      ['lint', '--format', 'json', 'typo.yaml'],
      dir,
    );
    expect(result.stderr).toBe('');
    const { findings } = JSON.parse(result.stdout);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'schema', line: 4 }),
    );
  });
});
