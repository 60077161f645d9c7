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
import { gunzipSync, gzipSync } from 'node:zlib';
import { initialJs } from './initialJs.ts';

/** A built app's dist folder: file name to content. */
function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'initial-js-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const gz = (dir: string, files: string[]) =>
  files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(dir, f))).length,
    0,
  );

describe('initialJs', () => {
  it('sums the script tags of index.html and what they import statically, not lazy chunks', () => {
    const dir = dist({
      'index.html':
        '<html><head><script defer src="/static/runtime.1.js"></script><script type="module" src="/static/main.2.js"></script></head><body></body></html>',
      'static/runtime.1.js': 'self.runtime=' + 'x'.repeat(500),
      'static/main.2.js':
        'import{a}from"./shared.3.js";export*from"./more.4.js";const lazy=()=>import("./catalog.5.js");',
      'static/shared.3.js': 'export const a=1;' + 'y'.repeat(300),
      'static/more.4.js': 'export const b=2;',
      'static/catalog.5.js': 'z'.repeat(10_000),
    });
    try {
      const result = initialJs(dir);
      const expected = [
        'static/runtime.1.js',
        'static/main.2.js',
        'static/shared.3.js',
        'static/more.4.js',
      ];
      assert.deepEqual(result.files, expected);
      assert.equal(result.gzipBytes, gz(dir, expected));
      assert.equal(
        result.rawBytes,
        expected.reduce((s, f) => s + readFileSync(join(dir, f)).length, 0),
      );
      // The figure is what a browser downloads: each counted gzip stream inflates to its file.
      assert.equal(
        gunzipSync(gzipSync(readFileSync(join(dir, expected[0])))).length,
        513,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the files of an app served under a path prefix and counts a shared import once', () => {
    const dir = dist({
      'index.html':
        '<script src="/portal/static/a.js?v=1"></script><script src="/portal/static/b.js"></script>',
      'static/a.js': 'import "./c.js";',
      'static/b.js': 'import "./c.js";',
      'static/c.js': 'console.log(1)',
    });
    try {
      assert.deepEqual(initialJs(dir).files, [
        'static/a.js',
        'static/b.js',
        'static/c.js',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the missing build, the unknown script and the other origin', () => {
    const empty = dist({});
    const missing = dist({
      'index.html': '<script src="/static/gone.js"></script>',
    });
    const remote = dist({
      'index.html': '<script src="https://cdn.example/x.js"></script>',
    });
    try {
      assert.throws(
        () => initialJs(empty),
        /index\.html does not exist: build the app first/,
      );
      assert.throws(
        () => initialJs(missing),
        /loads \/static\/gone\.js, which is not a file of that folder/,
      );
      assert.throws(
        () => initialJs(remote),
        /loads https:\/\/cdn\.example\/x\.js from another origin/,
      );
    } finally {
      for (const d of [empty, missing, remote])
        rmSync(d, { recursive: true, force: true });
    }
  });
});
