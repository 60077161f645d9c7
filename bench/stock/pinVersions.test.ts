import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinBackstageVersions } from './pinVersions.ts';

describe('pinBackstageVersions', () => {
  it("pins the template's packages to the release, the rest to the lockfile, and the root's own ranges to match", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pin-'));
    try {
      writeFileSync(
        join(dir, 'package-lock.json'),
        JSON.stringify({
          packages: {
            '': { name: 'repo' },
            'node_modules/@backstage/backend-plugin-api': { version: '1.10.1' },
            'node_modules/@backstage/cli': { version: '0.36.5' },
            'node_modules/@backstage/x/node_modules/@backstage/types': {
              version: '0.1.0',
            },
            'node_modules/app': { resolved: 'packages/app', link: true },
            'node_modules/lodash': { version: '4.17.21' },
          },
        }),
      );
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ overrides: { react: '^18.3.1' } }),
      );
      const app = join(dir, 'app');
      mkdirSync(app);
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({
          devDependencies: { '@backstage/cli': '^0.36.6', prettier: '^2' },
        }),
      );
      const count = pinBackstageVersions(app, dir, {
        '@backstage/cli': '0.36.6',
        root: '1.55.0',
      });
      const manifest = JSON.parse(
        readFileSync(join(app, 'package.json'), 'utf8'),
      );
      assert.equal(count, 2);
      assert.deepEqual(manifest.overrides, {
        react: '^18.3.1',
        '@backstage/backend-plugin-api': '1.10.1',
        '@backstage/cli': '0.36.6',
      });
      assert.deepEqual(manifest.devDependencies, {
        '@backstage/cli': '0.36.6',
        prettier: '^2',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
