import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listWorkspacePackages, localDependencies } from './workspaces.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const deps = (dir: string) =>
  Object.keys(
    JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'))
      .dependencies ?? {},
  );

describe('localDependencies', () => {
  it("lists the backend's workspace packages, dependencies first, without what the app bundles", () => {
    const packages = listWorkspacePackages(ROOT);
    const order = localDependencies(packages, 'backend').map(p => p.name);
    for (const name of deps('packages/backend').filter(n => packages.has(n)))
      assert.ok(order.includes(name), name);
    assert.ok(order.includes('@internal/plugin-homelab-node'));
    assert.ok(!order.includes('backend'));
    // The frontend plugin reaches the backend only inside the app's bundle.
    assert.ok(!order.includes('@internal/plugin-homelab'));
    for (const [i, name] of order.entries()) {
      const pkg = packages.get(name)!;
      if (pkg.bundled) continue;
      for (const dep of pkg.dependencies.filter(d => packages.has(d))) {
        assert.ok(order.indexOf(dep) < i, `${dep} before ${name}`);
      }
    }
  });

  it('names a package the workspace does not have', () => {
    assert.throws(
      () => localDependencies(listWorkspacePackages(ROOT), 'nope'),
      /no workspace package named nope/,
    );
  });
});
