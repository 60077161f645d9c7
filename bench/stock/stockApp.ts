import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBackendBundle, unpackBundle } from './backendBundle.ts';
import { pinBackstageVersions } from './pinVersions.ts';
import { runCommand } from './runCommand.ts';

export interface StockApp {
  release: string;
  root: string;
  /** The unpacked backend bundle, inside root so that it resolves root/node_modules. */
  bundleDir: string;
}

/** Where stock apps are cached, one folder per Backstage release. */
export function stockCacheDir(): string {
  return (
    process.env.STOCK_BACKSTAGE_CACHE ?? join(tmpdir(), 'homelab-bench-stock')
  );
}

/** Each step leaves a marker, so an interrupted preparation resumes where it stopped. */
async function step(
  dir: string,
  name: string,
  action: () => Promise<void>,
): Promise<void> {
  const marker = join(dir, `.${name}.done`);
  if (existsSync(marker)) return;
  await action();
  writeFileSync(marker, new Date().toISOString());
}

/**
 * A stock app of `release` from @backstage/create-app@`createApp`, created, installed with npm
 * (as this repository is) with its @backstage packages pinned to the release, built once, then
 * reused from the cache.
 */
export async function ensureStockApp(
  repoRoot: string,
  release: string,
  createApp: string,
): Promise<StockApp> {
  const dir = join(stockCacheDir(), release);
  const tool = join(dir, 'create-app');
  const root = join(dir, 'app');
  const bundleDir = join(root, 'bench-bundle');
  mkdirSync(dir, { recursive: true });

  await step(dir, 'create-app-installed', async () => {
    mkdirSync(tool, { recursive: true });
    writeFileSync(join(tool, 'package.json'), '{"private":true}\n');
    await runCommand(
      [
        'npm',
        'install',
        '--no-audit',
        '--no-fund',
        `@backstage/create-app@${createApp}`,
      ],
      { cwd: tool },
    );
  });
  await step(dir, 'app-created', async () => {
    // create-app refuses to run without yarn; the yarn release its template ships is that yarn.
    const releases = join(
      tool,
      'node_modules/@backstage/create-app/templates/default-app/.yarn/releases',
    );
    const yarn = readdirSync(releases).find(f => f.endsWith('.cjs'));
    if (!yarn) throw new Error(`${releases} holds no yarn release`);
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'yarn'),
      `#!/bin/sh\nexec "${process.execPath}" "${join(releases, yarn)}" "$@"\n`,
      { mode: 0o755 },
    );
    await runCommand(
      [
        join(tool, 'node_modules/.bin/backstage-create-app'),
        '--skip-install',
        '--path',
        'app',
      ],
      {
        cwd: dir,
        env: {
          BACKSTAGE_APP_NAME: 'stock',
          PATH: `${bin}:${process.env.PATH}`,
        },
      },
    );
    const created = JSON.parse(
      readFileSync(join(root, 'backstage.json'), 'utf8'),
    ).version;
    if (created !== release)
      throw new Error(
        `@backstage/create-app@${createApp} created Backstage ${created}, not ${release}`,
      );
    // npm does not read yarn's link: protocol; the workspace version is the same package.
    const backendManifest = join(root, 'packages/backend/package.json');
    writeFileSync(
      backendManifest,
      readFileSync(backendManifest, 'utf8').replace(
        '"app": "link:../app"',
        '"app": "0.0.0"',
      ),
    );
    writeFileSync(
      join(root, '.npmrc'),
      readFileSync(join(repoRoot, '.npmrc'), 'utf8'),
    );
  });
  await step(dir, 'app-pinned', async () => {
    const { packageVersions } = require(join(
      tool,
      'node_modules/@backstage/create-app/dist/lib/versions.cjs.js',
    ));
    const pinned = pinBackstageVersions(root, repoRoot, packageVersions);
    process.stderr.write(
      `[stock-comparison] pinned ${pinned} @backstage packages of the stock app\n`,
    );
  });
  await step(dir, 'app-installed', () =>
    runCommand(['npm', 'install', '--no-audit', '--no-fund'], { cwd: root }),
  );
  await step(dir, 'app-built', async () => {
    const bundle = await buildBackendBundle(root);
    await unpackBundle(bundle, bundleDir);
    // app-config.yaml reads the example entities from ../../examples, relative to packages/backend.
    cpSync(join(root, 'examples'), join(bundleDir, 'examples'), {
      recursive: true,
    });
  });
  return { release, root, bundleDir };
}
