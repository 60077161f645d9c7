// The image recipe's steps (packages/backend/Dockerfile) without a container engine: the same
// commands (scripts/lib/backendRecipe.mjs) build the backend bundle, install its production
// dependencies into a folder cached by the lockfile's hash and unpack the bundle there; the
// folder is then handed to an unprivileged uid that cannot write it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recipeCommands } from './backendRecipe.mjs';
import { ROOT } from './processes.mjs';

const BUNDLE_ROOT = join(ROOT, 'data/bundle');
// Besides the workspaces, the build's own scripts: a change to them builds the bundle again.
const SOURCES = ['packages', 'plugins', 'package.json', 'package-lock.json', 'scripts/build-backend-bundle.mjs', 'scripts/build-frontend.mjs', 'scripts/lib/yarn-stand-in'];

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

/** What the bundle is built from: every file git knows or would add under SOURCES. */
function sourceHash() {
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z', '--', ...SOURCES], {
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
 * A folder holding the production backend as the image does: packages/backend, its internal
 * packages built to dist, node_modules with production dependencies only. Cached: the
 * install by the lockfile's hash, the bundle by the hash of the sources it is built from.
 * Owned by root and read-only to everyone else, so the unprivileged backend cannot change it.
 */
export async function prepareBundle({ log } = {}) {
  const timings = {};
  const lockHash = sha256(readFileSync(join(ROOT, 'package-lock.json')));
  const dir = join(BUNDLE_ROOT, lockHash);
  const steps = recipeCommands(dir, 'copy');
  const step = async (name, timing) => {
    const started = Date.now();
    await run(name, [process.execPath, ...steps[name].slice(1)], { cwd: ROOT, log });
    timings[timing] = Date.now() - started;
  };
  const sources = sourceHash();
  const built = join(dir, '.bundle-source');
  const installed = join(dir, '.installed');
  // The install starts from an empty folder, so the bundle is unpacked again after it.
  const needsInstall = !existsSync(installed);
  // HOMELAB_BUNDLE_REUSE=1: the last bundle whatever changed since, for iterating on a test.
  const reuse = process.env.HOMELAB_BUNDLE_REUSE === '1' && existsSync(built);
  const current = !needsInstall && (reuse || (existsSync(built) && readFileSync(built, 'utf8') === sources));
  const lastBuild = existsSync(join(ROOT, 'packages/backend/dist/bundle.tar.gz'));
  if (!current && !(reuse && lastBuild)) await step('build', 'buildMs');
  if (needsInstall) {
    await step('install', 'installMs');
    writeFileSync(installed, new Date().toISOString());
  }
  if (!current) {
    await step('unpack', 'unpackMs');
    writeFileSync(built, sources);
  }
  // Readable by the backend's uid, writable by root alone.
  spawnSync('chmod', ['-R', 'go-w,go+rX', dir]);
  // Leftover folders of older lockfiles.
  for (const name of readdirSync(BUNDLE_ROOT)) {
    if (/^[0-9a-f]{16}$/.test(name) && name !== lockHash) rmSync(join(BUNDLE_ROOT, name), { recursive: true, force: true });
  }
  return { dir, entry: join(dir, 'packages/backend'), timings, cached: current };
}
