// node --test scripts/lib/swapFolder.test.mjs
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { swapFolder } from './swapFolder.mjs';

const roots = [];
after(() => roots.forEach(root => rmSync(root, { recursive: true, force: true })));

function folders() {
  const root = mkdtempSync(join(tmpdir(), 'swap-folder-'));
  roots.push(root);
  const paths = { built: join(root, 'stage/dist'), current: join(root, 'app/dist'), aside: join(root, 'previous'), mustHold: 'index.html' };
  mkdirSync(paths.built, { recursive: true });
  mkdirSync(paths.current, { recursive: true });
  writeFileSync(join(paths.current, 'index.html'), 'old');
  writeFileSync(join(paths.current, 'old-chunk.js'), '');
  return { root, paths };
}

describe('swapFolder', () => {
  it('replaces the served folder with the built one and removes the old one', () => {
    const { root, paths } = folders();
    writeFileSync(join(paths.built, 'index.html'), 'new');
    swapFolder(paths);
    assert.equal(readFileSync(join(paths.current, 'index.html'), 'utf8'), 'new');
    assert.deepEqual(readdirSync(paths.current), ['index.html']);
    assert.ok(!existsSync(paths.built));
    assert.ok(!existsSync(paths.aside));
    assert.deepEqual(readdirSync(root).sort(), ['app', 'stage']);
  });

  it('puts the build in place when nothing was served yet', () => {
    const { paths } = folders();
    writeFileSync(join(paths.built, 'index.html'), 'new');
    swapFolder({ ...paths, current: join(paths.current, '..', 'first') });
    assert.equal(readFileSync(join(paths.current, '..', 'first', 'index.html'), 'utf8'), 'new');
  });

  it('leaves the served folder as it was when the build lacks its entry file', () => {
    const { paths } = folders();
    assert.throws(() => swapFolder(paths), /the build wrote no .*stage\/dist\/index\.html; .*app\/dist is unchanged/);
    assert.equal(readFileSync(join(paths.current, 'index.html'), 'utf8'), 'old');
    assert.deepEqual(readdirSync(paths.current).sort(), ['index.html', 'old-chunk.js']);
  });
});
