// The image recipe's steps (packages/backend/Dockerfile) without a container engine: build the
// backend bundle, install its production dependencies into a folder cached by the lockfile's
// hash, unpack the bundle there, and hand it to an unprivileged uid that cannot write it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes.mjs';

const BUNDLE_ROOT = join(ROOT, 'data/bundle');
const BACKEND_DIST = join(ROOT, 'packages/backend/dist');
// Packages the bundle builds whose install scripts compile a native addon: the repository's
// node_modules already holds them built for this Node, so they are copied, not rebuilt.
const NATIVE_ADDONS = ['better-sqlite3', 'isolated-vm'];

function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 16);
}

function run(label, argv, { cwd, env, log }) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = chunk => {
      output += chunk;
      log?.(String(chunk));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', code =>
      code === 0 ? resolve(output) : reject(new Error(`${label} failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
}

/** What the bundle is built from: every file git knows or would add under the workspaces. */
function sourceHash() {
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z', '--', 'packages', 'plugins', 'package.json', 'package-lock.json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const hash = createHash('sha256');
  for (const file of listed.stdout.split('\0').filter(Boolean).sort()) {
    const path = join(ROOT, file);
    if (!existsSync(path)) continue; // deleted in the working tree
    hash.update(file).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * `backstage-cli package build` of packages/backend: its internal dependencies built without
 * types (as Backstage builds a backend's dependencies), the app through its own build script,
 * then dist/bundle.tar.gz and dist/skeleton.tar.gz. The frontend build is shared with the
 * end-to-end portals, so the whole build holds their lock.
 */
async function buildBackendBundle(log) {
  const shimDir = join(BUNDLE_ROOT, 'bin');
  mkdirSync(shimDir, { recursive: true });
  // The bundler runs `yarn run build` for the bundled app; this repository uses npm.
  writeFileSync(
    join(shimDir, 'yarn'),
    '#!/bin/sh\n[ "$1" = run ] || { echo "yarn stand-in: only \'yarn run\' is supported, got: $*" >&2; exit 1; }\nshift\nexec npm run "$@"\n',
  );
  chmodSync(join(shimDir, 'yarn'), 0o755);
  // The bundler copies a yarn.lock into the bundle whatever the package manager (as in the Dockerfile).
  const yarnLock = join(ROOT, 'yarn.lock');
  const madeYarnLock = !existsSync(yarnLock);
  if (madeYarnLock) writeFileSync(yarnLock, '');
  try {
    const cli = join(ROOT, 'node_modules/.bin/backstage-cli');
    const argv = existsSync('/usr/bin/flock') ? ['/usr/bin/flock', join(ROOT, 'data/.app-build.lock'), cli, 'package', 'build'] : [cli, 'package', 'build'];
    await run('backend bundle build', argv, {
      cwd: join(ROOT, 'packages/backend'),
      env: { PATH: `${shimDir}:${process.env.PATH}` },
      log,
    });
  } finally {
    if (madeYarnLock) rmSync(yarnLock, { force: true });
  }
}

/**
 * The lockfile's production dependencies, installed once per lockfile into `deps`: the bundle's
 * workspace manifests (skeleton) with the repository's lockfile, `npm install --omit=dev`
 * without install scripts, then the native addons copied from the repository.
 */
async function installDependencies(dir, log) {
  if (existsSync(join(dir, '.installed'))) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run('skeleton', ['tar', '-xzf', join(BACKEND_DIST, 'skeleton.tar.gz'), '-C', dir], { log });
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
    if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(dir, file));
  }
  // Development-only workspaces (the stand-in cluster, the CLI) are not in the bundle; without
  // the devDependencies npm does not look for them.
  const npm = 'npm';
  await run('npm pkg delete devDependencies', [npm, 'pkg', 'delete', 'devDependencies', '--workspaces', '--include-workspace-root'], { cwd: dir, log });
  await run('npm install --omit=dev', [npm, 'install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, log });
  for (const name of NATIVE_ADDONS) {
    const installed = join(dir, 'node_modules', name);
    if (!existsSync(installed)) continue;
    const source = join(ROOT, 'node_modules', name);
    const version = p => JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')).version;
    if (version(installed) !== version(source)) {
      throw new Error(`${name} ${version(installed)} in the bundle but ${version(source)} built in node_modules: run npm install in the repository`);
    }
    cpSync(join(source, 'build'), join(installed, 'build'), { recursive: true });
  }
  writeFileSync(join(dir, '.installed'), new Date().toISOString());
  return true;
}

/**
 * Replaces the workspaces in `dir` with the bundle's, keeping the node_modules npm installed
 * (at the top and inside a workspace, where its version differs from the top one's).
 */
async function unpackBundle(dir, log) {
  for (const group of ['packages', 'plugins']) {
    for (const name of existsSync(join(dir, group)) ? readdirSync(join(dir, group)) : []) {
      const workspace = join(dir, group, name);
      for (const entry of readdirSync(workspace)) {
        if (entry !== 'node_modules') rmSync(join(workspace, entry), { recursive: true, force: true });
      }
    }
  }
  await run('unpack bundle', ['tar', '-xzf', join(BACKEND_DIST, 'bundle.tar.gz'), '-C', dir], { log });
  // The skeleton again: the bundle's package.json files are the ones npm installed from.
  await run('skeleton', ['tar', '-xzf', join(BACKEND_DIST, 'skeleton.tar.gz'), '-C', dir], { log });
  rmSync(join(dir, 'yarn.lock'), { force: true });
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
 * A folder holding the production backend as the image does: packages/backend, its internal
 * packages built to dist, node_modules with production dependencies only. Cached: the
 * install by the lockfile's hash, the bundle by the hash of the sources it is built from.
 * Owned by root and read-only to everyone else, so the unprivileged backend cannot change it.
 */
export async function prepareBundle({ log } = {}) {
  const timings = {};
  let started = Date.now();
  const lockHash = sha256(readFileSync(join(ROOT, 'package-lock.json')));
  const dir = join(BUNDLE_ROOT, lockHash);
  const sources = sourceHash();
  const built = join(dir, '.bundle-source');
  // HOMELAB_BUNDLE_REUSE=1: the last bundle whatever changed since, for iterating on a test.
  const reuse = process.env.HOMELAB_BUNDLE_REUSE === '1' && existsSync(built);
  const current = reuse || (existsSync(built) && readFileSync(built, 'utf8') === sources);
  if (!current) {
    await buildBackendBundle(log);
    timings.buildMs = Date.now() - started;
  }
  started = Date.now();
  const installed = await installDependencies(dir, log);
  if (installed) timings.installMs = Date.now() - started;
  if (!current) {
    started = Date.now();
    await unpackBundle(dir, log);
    // Another build of the same packages at the same time (the stock comparison bench builds
    // them too) can empty a dist folder while this one packs it: build once more.
    if (missingEntryPoints(dir).length > 0) {
      log?.(`the bundle lacks ${missingEntryPoints(dir).join(', ')}; building it again\n`);
      await buildBackendBundle(log);
      await unpackBundle(dir, log);
    }
    const missing = missingEntryPoints(dir);
    if (missing.length > 0) throw new Error(`the backend bundle lacks ${missing.join(', ')}: was a package's dist folder removed during the build?`);
    writeFileSync(built, sources);
    timings.unpackMs = Date.now() - started;
  }
  // Readable by the backend's uid, writable by root alone.
  spawnSync('chmod', ['-R', 'go-w,go+rX', dir]);
  // Leftover folders of older lockfiles.
  for (const name of readdirSync(BUNDLE_ROOT)) {
    if (/^[0-9a-f]{16}$/.test(name) && name !== lockHash) rmSync(join(BUNDLE_ROOT, name), { recursive: true, force: true });
  }
  return { dir, entry: join(dir, 'packages/backend'), timings, cached: current && !installed };
}
