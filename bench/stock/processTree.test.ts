import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { processTree, rssBytes, treeRssBytes } from './processTree.ts';

/** RSS in bytes as ps(1) reports it: the reference the /proc reading is checked against. */
const psRss = (pid: number) =>
  Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim(),
  ) * 1024;

describe('processTree', () => {
  it('finds the children and grandchildren of a process and sums their RSS', async () => {
    const parent = spawn('sh', ['-c', 'sleep 30 & (sleep 30 & wait) & wait'], {
      stdio: 'ignore',
      detached: true,
    });
    try {
      await new Promise(r => setTimeout(r, 500));
      const tree = processTree(parent.pid!);
      assert.equal(tree[0], parent.pid);
      const expected = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map(l => l.trim().split(/\s+/).map(Number));
      const below = (pid: number): number[] => [
        pid,
        ...expected.filter(([, pp]) => pp === pid).flatMap(([p]) => below(p)),
      ];
      assert.deepEqual([...tree].sort(), below(parent.pid!).sort());
      assert.ok(
        tree.length >= 4,
        `sh, sleep, the subshell and its sleep; got ${tree.length}`,
      );
      const sum = tree.reduce((s, p) => s + psRss(p), 0);
      assert.ok(
        Math.abs(treeRssBytes(parent.pid!) - sum) <= 64 * 1024,
        `treeRssBytes within 64 KiB of ps's sum ${sum}`,
      );
    } finally {
      process.kill(-parent.pid!, 'SIGKILL'); // its own process group
    }
  });

  it('reads this process as ps does, and 0 for one that is gone', () => {
    assert.ok(
      Math.abs(rssBytes(process.pid) - psRss(process.pid)) <= 4 * 1024 * 1024,
    );
    assert.equal(rssBytes(2 ** 22 + 7), 0);
  });
});
