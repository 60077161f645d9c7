import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runCommand } from './runCommand.ts';
import { listWorkspacePackages, localDependencies } from './workspaces.ts';

const cli = (root: string) => join(root, 'node_modules/.bin/backstage-cli');

/**
 * Builds the backend bundle as the Dockerfile does (`tsc`, then `backstage-cli repo build`),
 * limited to the workspace packages the backend needs: their declarations, each package
 * (`frontendBuild` prefixes the app's, so a caller can serialize it), then packages/backend
 * with --skip-build-dependencies. Returns the dist/bundle.tar.gz path.
 */
export async function buildBackendBundle(
  root: string,
  options: { frontendBuild?: string[] } = {},
): Promise<string> {
  const packages = listWorkspacePackages(root);
  const backend = packages.get('backend');
  if (!backend)
    throw new Error(`${root} has no workspace package named backend`);
  const dependencies = localDependencies(packages, 'backend');
  if (dependencies.some(dep => !dep.bundled)) await emitDeclarations(root);
  for (const dep of dependencies) {
    const build = [cli(root), 'package', 'build'];
    await runCommand(
      dep.bundled ? [...(options.frontendBuild ?? []), ...build] : build,
      { cwd: dep.dir },
    );
  }
  // The dist workspace copies the root yarn.lock; an npm workspace has none, so an empty one
  // stands in for the build's duration, as the Dockerfile's `touch yarn.lock` does.
  const lock = join(root, 'yarn.lock');
  const placeholder = !existsSync(lock);
  if (placeholder) writeFileSync(lock, '');
  try {
    await runCommand(
      [cli(root), 'package', 'build', '--skip-build-dependencies'],
      { cwd: backend.dir },
    );
  } finally {
    if (placeholder) rmSync(lock, { force: true });
  }
  return join(backend.dir, 'dist/bundle.tar.gz');
}

/**
 * Library builds roll their types up from root/dist-types, which `tsc` writes. Type errors do
 * not stop the bench (they may be another change in progress): the declarations are still
 * written and the bench measures speed and size, not types.
 */
async function emitDeclarations(root: string): Promise<void> {
  try {
    await runCommand([join(root, 'node_modules/.bin/tsc')], { cwd: root });
  } catch (e) {
    process.stderr.write(
      `[stock-comparison] tsc reported type errors (above); declarations were written anyway: ${
        (e as Error).message
      }\n`,
    );
  }
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
