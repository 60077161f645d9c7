// Stages the runnable `homelab` package in a folder: one esbuild bundle of src/ with the
// internal libraries and their pure-JS dependencies inside, the kubernetes-models schema
// packages as bundled node_modules (the lint finds their validators on disk at run time),
// and a package.json with bin and exports.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { vendorTree } from './vendorTree.mjs';

export const CLI_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const MANIFESTS_DIR = path.resolve(CLI_DIR, '../../plugins/homelab-manifests');

/** Loaded from disk by lint/schemaValidators.ts, so shipped as packages, not bundled. */
export const SCHEMA_PACKAGES = [
  'kubernetes-models',
  '@kubernetes-models/gateway-api',
];

const BIN = `#!/usr/bin/env node
require('../dist/index.cjs').main(process.argv);
`;

export async function stagePackage(target) {
  const source = JSON.parse(
    fs.readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8'),
  );
  fs.mkdirSync(path.join(target, 'bin'), { recursive: true });
  await build({
    entryPoints: [path.join(CLI_DIR, 'src/index.ts')],
    outfile: path.join(target, 'dist/index.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: SCHEMA_PACKAGES,
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(target, 'bin/homelab.cjs'), BIN, { mode: 0o755 });
  fs.copyFileSync(
    path.join(CLI_DIR, 'README.md'),
    path.join(target, 'README.md'),
  );
  const vendored = vendorTree(SCHEMA_PACKAGES, MANIFESTS_DIR, target);
  const manifest = {
    name: source.name,
    version: source.version,
    description:
      'The homelab command: lint and render Kubernetes manifests offline',
    // Not for a public registry: installed from the tarball or the portal's release.
    private: true,
    license: source.license,
    engines: { node: '>=22.12' },
    bin: { homelab: 'bin/homelab.cjs' },
    exports: { '.': './dist/index.cjs', './package.json': './package.json' },
    files: ['bin', 'dist'],
    dependencies: Object.fromEntries(vendored.map(v => [v.name, v.version])),
    bundleDependencies: vendored.map(v => v.name),
  };
  fs.writeFileSync(
    path.join(target, 'package.json'),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  return manifest;
}
