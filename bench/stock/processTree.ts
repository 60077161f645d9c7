import { readdirSync, readFileSync } from 'node:fs';

/** The parent pid from /proc/<pid>/stat; the command may hold spaces and parentheses. */
function parentPid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** `pid` and every process below it, from /proc (Linux only). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrNull(`/proc/${entry}/stat`);
    if (stat === null) continue;
    const parent = parentPid(stat);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** VmRSS of /proc/<pid>/status in bytes, 0 for a process that has ended. */
export function rssBytes(pid: number): number {
  const status = readOrNull(`/proc/${pid}/status`);
  const kb = status?.match(/^VmRSS:\s+(\d+)\s+kB$/m)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/** Resident memory of `pid` and all its descendants, in bytes. */
export function treeRssBytes(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + rssBytes(p), 0);
}
