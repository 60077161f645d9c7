// Starts the production backend from the prepared bundle (scripts/lib/bundle.mjs) as the image
// runs it: `node packages/backend --config app-config.production.yaml`, as an unprivileged uid
// (setpriv) whose only writable folders are its data folder and its HOME.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes.mjs';

// nobody:nogroup, as `setpriv --reuid=65534 --regid=65534 --clear-groups`.
export const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/** A folder the unprivileged backend owns (its data folder, its HOME). */
export function unprivilegedFolder(path) {
  mkdirSync(path, { recursive: true });
  spawnSync('chown', ['-R', `${UNPRIVILEGED.uid}:${UNPRIVILEGED.gid}`, path]);
  return path;
}

/**
 * The environment every bundle backend gets: HOME in its own folder, and git told that the
 * repository it seeds the embedded GitOps remote from (owned by root, as /app in the image)
 * is safe to read.
 */
function processEnv(homeDir) {
  const gitconfig = join(homeDir, '.gitconfig');
  if (!existsSync(gitconfig)) {
    writeFileSync(gitconfig, `[safe]\n\tdirectory = ${ROOT}\n\tdirectory = ${ROOT}/.git\n`);
    chownSync(gitconfig, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  }
  return { HOME: homeDir, GIT_CONFIG_GLOBAL: gitconfig, HOMELAB_REPO_DIR: ROOT };
}

/**
 * Spawns the bundle's backend. `env` is the whole environment (nothing of the test runner's
 * is passed but PATH); `homeDir` must be a folder made by unprivilegedFolder.
 */
export function startBundleBackend({ bundleDir, env, homeDir, config = join(ROOT, 'app-config.production.yaml') }) {
  const argv = [
    'setpriv',
    `--reuid=${UNPRIVILEGED.uid}`,
    `--regid=${UNPRIVILEGED.gid}`,
    '--clear-groups',
    process.execPath,
    'packages/backend',
    '--config',
    config,
  ];
  let output = '';
  const child = spawn(argv[0], argv.slice(1), {
    cwd: bundleDir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...processEnv(homeDir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  return { child, output: () => output };
}
