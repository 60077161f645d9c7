import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runCommand } from './runCommand.ts';

const REPOSITORY = join(__dirname, '..', '..');

/**
 * Builds `root`'s backend bundle with the step the Dockerfile and npm test's production step
 * run (`node scripts/build-backend-bundle.mjs build`): `backstage-cli package build` of
 * packages/backend, under the lock those builds share, with this repository's app built into
 * place without emptying the dist a running portal serves. Returns the dist/bundle.tar.gz path.
 */
export async function buildBackendBundle(root: string): Promise<string> {
  await runCommand(
    [
      process.execPath,
      join(REPOSITORY, 'scripts/build-backend-bundle.mjs'),
      'build',
      '--root',
      root,
    ],
    { cwd: REPOSITORY },
  );
  return join(root, 'packages/backend/dist/bundle.tar.gz');
}

/**
 * Unpacks a bundle into `target` and links its packages into target/node_modules, which is
 * what `npm install` of the skeleton does for them. Other modules resolve upwards from
 * `target`, so it must sit inside the workspace whose node_modules match the bundle's lockfile.
 */
export async function unpackBundle(
  bundle: string,
  target: string,
): Promise<void> {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  await runCommand(['tar', '-xzf', bundle, '-C', target], { cwd: target });
  for (const group of ['packages', 'plugins']) {
    const folder = join(target, group);
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder)) {
      const manifest = join(folder, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
      const link = join(target, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(relative(dirname(link), join(folder, entry)), link, 'dir');
    }
  }
}
