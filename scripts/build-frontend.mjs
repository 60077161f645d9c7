// Builds the frontend (packages/app) without emptying the packages/app/dist a running portal
// serves: `node scripts/build-frontend.mjs [backstage-cli package build arguments]`.
//
// `backstage-cli package build` always writes <package>/dist and empties it first (cli-module-build
// resolveBundlingPaths: dist is fixed, no flag or variable moves it), and the app backend of a
// portal starting meanwhile finds no dist/static and serves 404 on / until it restarts. So the
// build runs in a staging copy of the package (data/app-build, as deep below the root as
// packages/app, so relative paths and chunk hashes are the same) and its dist is then renamed into
// place. One build at a time: the script holds data/.app-build.lock (flock, where there is one).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/processes.mjs';
import { swapFolder } from './lib/swapFolder.mjs';

const APP = join(ROOT, 'packages/app');
const STAGE = join(ROOT, 'data/app-build');
const LOCK = join(ROOT, 'data/.app-build.lock');
const FLOCK = '/usr/bin/flock';
const HELD = 'HOMELAB_APP_BUILD_LOCK_HELD';

function run(argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(signal ? 128 : code));
  });
}

/** The package's own files in the staging folder; its dist and node_modules stay its own. */
function stage() {
  rmSync(STAGE, { recursive: true, force: true });
  mkdirSync(STAGE, { recursive: true });
  // Copied, not linked: the bundler resolves a link to its target, outside the staging package.
  for (const entry of ['package.json', 'config.d.ts', 'src', 'public']) {
    if (existsSync(join(APP, entry))) cpSync(join(APP, entry), join(STAGE, entry), { recursive: true });
  }
}

async function main(args) {
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  if (!process.env[HELD] && existsSync(FLOCK)) {
    const code = await run([FLOCK, LOCK, process.execPath, ...process.execArgv, process.argv[1], ...args], {
      env: { ...process.env, [HELD]: '1' },
    });
    process.exit(code);
  }
  stage();
  const code = await run([join(ROOT, 'node_modules/.bin/backstage-cli'), 'package', 'build', ...args], { cwd: STAGE });
  if (code !== 0) process.exit(code);
  swapFolder({
    built: join(STAGE, 'dist'),
    current: join(APP, 'dist'),
    // Under data/ (same file system), where git and the bundle's source hash do not look.
    aside: join(ROOT, `data/app-dist-previous-${process.pid}`),
    mustHold: 'index.html',
  });
  rmSync(STAGE, { recursive: true, force: true });
}

await main(process.argv.slice(2));
