// The production backend's build steps, one command each (see scripts/lib/backendRecipe.mjs):
//   build [--root <workspace>]   backstage-cli package build of packages/backend: its workspace
//                                dependencies, the app, dist/bundle.tar.gz and dist/skeleton.tar.gz
//   install <dir> --native-addons=compile|copy
//                                the bundle's production dependencies into <dir>, from the lockfile
//   unpack <dir>                 the bundle's built packages over that install
// Every step holds data/.backend-build.lock (flock, where there is one): a build rewrites the
// packages' dist folders and packages/backend/dist, which another step may be reading.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRecipeArgs } from './lib/backendRecipe.mjs';
import { ROOT } from './lib/processes.mjs';

const BACKEND_DIST = join(ROOT, 'packages/backend/dist');
const LOCK = join(ROOT, 'data/.backend-build.lock');
const FLOCK = '/usr/bin/flock';
const HELD = 'HOMELAB_BACKEND_BUILD_LOCK_HELD';
// Production dependencies whose install script compiles a native addon (the others' scripts are
// banners and optional speed-ups, and npm installs without scripts).
const NATIVE_ADDONS = ['better-sqlite3', 'isolated-vm'];

function run(argv, options = {}) {
  process.stderr.write(`[backend bundle] ${options.cwd ?? process.cwd()}$ ${argv.join(' ')}\n`);
  return new Promise((done, fail) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', ...options });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`${argv.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function build({ root = ROOT }) {
  const workspace = resolve(root);
  // The bundler copies the root yarn.lock into the bundle whatever the package manager; an empty
  // one stands in (npm installs from package-lock.json).
  const yarnLock = join(workspace, 'yarn.lock');
  const placeholder = !existsSync(yarnLock);
  if (placeholder) writeFileSync(yarnLock, '');
  try {
    await run([join(workspace, 'node_modules/.bin/backstage-cli'), 'package', 'build'], {
      cwd: join(workspace, 'packages/backend'),
      env: { ...process.env, PATH: `${join(ROOT, 'scripts/lib/yarn-stand-in')}:${process.env.PATH}` },
    });
  } finally {
    if (placeholder) rmSync(yarnLock, { force: true });
  }
}

const versionOf = dir => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

/** The one place the image and the test differ; the reason is at NATIVE_ADDON_MODES. */
async function buildNativeAddons(dir, mode) {
  const present = NATIVE_ADDONS.filter(name => existsSync(join(dir, 'node_modules', name)));
  if (mode === 'compile') {
    if (present.length) await run(['npm', 'rebuild', ...present], { cwd: dir });
    return;
  }
  for (const name of present) {
    const installed = join(dir, 'node_modules', name);
    const source = join(ROOT, 'node_modules', name);
    if (versionOf(installed) !== versionOf(source)) {
      throw new Error(`${name} ${versionOf(installed)} in the bundle but ${versionOf(source)} built in node_modules: run npm install in the repository`);
    }
    cpSync(join(source, 'build'), join(installed, 'build'), { recursive: true });
  }
}

/**
 * The bundle's workspace manifests (skeleton) with the repository's lockfile, production
 * dependencies only, without install scripts; then the native addons.
 */
async function install({ dir, nativeAddons }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run(['tar', '-xzf', join(BACKEND_DIST, 'skeleton.tar.gz'), '-C', dir]);
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
    if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(dir, file));
  }
  // Development-only workspaces (the stand-in cluster, the CLI) are not in the bundle; without
  // the devDependencies npm does not look for them.
  await run(['npm', 'pkg', 'delete', 'devDependencies', '--workspaces', '--include-workspace-root'], { cwd: dir });
  await run(['npm', 'install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir });
  await buildNativeAddons(dir, nativeAddons);
  await run([process.execPath, '-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: dir });
}

/** Every unpacked package's entry point, as its package.json names it; the missing ones. */
function missingEntryPoints(dir) {
  const missing = [];
  for (const group of ['packages', 'plugins']) {
    for (const name of existsSync(join(dir, group)) ? readdirSync(join(dir, group)) : []) {
      const manifest = join(dir, group, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const { main, bundled } = JSON.parse(readFileSync(manifest, 'utf8'));
      const entry = bundled ? 'dist/index.html' : main;
      if (entry && !existsSync(join(dir, group, name, entry))) missing.push(`${group}/${name}/${entry}`);
    }
  }
  return missing;
}

/**
 * Replaces the workspaces in `dir` with the bundle's, keeping the node_modules npm installed (at
 * the top and inside a workspace, where its version differs from the top one's).
 */
async function unpack({ dir }) {
  for (const group of ['packages', 'plugins']) {
    for (const name of existsSync(join(dir, group)) ? readdirSync(join(dir, group)) : []) {
      const workspace = join(dir, group, name);
      for (const entry of readdirSync(workspace)) {
        if (entry !== 'node_modules') rmSync(join(workspace, entry), { recursive: true, force: true });
      }
    }
  }
  await run(['tar', '-xzf', join(BACKEND_DIST, 'bundle.tar.gz'), '-C', dir]);
  // The skeleton again: the bundle's package.json files are the ones npm installed from.
  await run(['tar', '-xzf', join(BACKEND_DIST, 'skeleton.tar.gz'), '-C', dir]);
  for (const file of ['yarn.lock', '.npmrc']) rmSync(join(dir, file), { force: true });
  const missing = missingEntryPoints(dir);
  if (missing.length > 0) {
    throw new Error(`the backend bundle lacks ${missing.join(', ')}: was a package's dist folder removed during the build? Run the build step again`);
  }
}

async function main(argv) {
  let args;
  try {
    args = parseRecipeArgs(argv);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  if (!process.env[HELD] && existsSync(FLOCK)) {
    const child = spawn(FLOCK, [LOCK, process.execPath, process.argv[1], ...argv], {
      stdio: 'inherit',
      env: { ...process.env, [HELD]: '1' },
    });
    child.once('exit', (code, signal) => process.exit(signal ? 1 : code));
    return;
  }
  const steps = { build, install, unpack };
  try {
    await steps[args.step]({ ...args, dir: args.dir && resolve(args.dir) });
  } catch (e) {
    console.error(`[backend bundle] ${args.step}: ${e.message}`);
    process.exit(1);
  }
}

await main(process.argv.slice(2));
