#!/usr/bin/env node
// `node packages/cli/scripts/pack.mjs [--out <dir>]`: builds the runnable homelab package
// and packs it with `npm pack`; prints the tarball's path. The tarball is cached under
// node_modules/.cache/homelab-cli by a hash of everything that goes into it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_DIR, stagePackage } from './stage.mjs';

const ROOT = path.resolve(CLI_DIR, '../..');
const INPUTS = [
  'packages/cli/src',
  'packages/cli/scripts',
  'packages/cli/package.json',
  'packages/cli/README.md',
  'plugins/homelab-manifests/src',
  'plugins/homelab-manifests/package.json',
  'plugins/homelab-common/src',
  'plugins/homelab-common/package.json',
  'package-lock.json',
  'node_modules/esbuild/package.json',
];

function filesOf(entry) {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter(d => d.isFile() && !/\.test\.tsx?$/.test(d.name))
    .map(d => path.relative(ROOT, path.join(d.parentPath, d.name)))
    .sort();
}

export function inputHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesOf)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Keeps only the newest build: older hashes are for inputs that no longer exist. */
function pruneOtherBuilds(keep) {
  const parent = path.dirname(keep);
  for (const name of fs.readdirSync(parent)) {
    if (/^[0-9a-f]{16}$/.test(name) && name !== path.basename(keep)) {
      fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

export async function packCli({ out } = {}) {
  const cacheDir = path.join(
    ROOT,
    'node_modules/.cache/homelab-cli',
    inputHash(),
  );
  const cached = fs.existsSync(cacheDir)
    ? fs.readdirSync(cacheDir).find(f => f.endsWith('.tgz'))
    : undefined;
  let tarball = cached && path.join(cacheDir, cached);
  if (!tarball) {
    const staging = fs.mkdtempSync(
      path.join(os.tmpdir(), 'homelab-cli-stage-'),
    );
    try {
      await stagePackage(staging);
      const building = `${cacheDir}.${process.pid}`;
      fs.mkdirSync(building, { recursive: true });
      const [packed] = JSON.parse(
        execFileSync(
          'npm',
          ['pack', '--json', '--pack-destination', building],
          {
            cwd: staging,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        ),
      );
      fs.rmSync(cacheDir, { recursive: true, force: true });
      fs.renameSync(building, cacheDir);
      pruneOtherBuilds(cacheDir);
      tarball = path.join(cacheDir, packed.filename);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    const copy = path.join(path.resolve(out), path.basename(tarball));
    fs.copyFileSync(tarball, copy);
    return copy;
  }
  return tarball;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.join(CLI_DIR, 'scripts/pack.mjs')
) {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
  process.stdout.write(`${await packCli({ out })}\n`);
}
