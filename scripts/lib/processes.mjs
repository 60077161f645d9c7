// Child processes and ports for the start, test and bench scripts.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** 'free', 'portal' (answers Backstage's readiness path), or 'other'. */
export async function portOwner(port, readinessPath) {
  const open = await new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (!open) return 'free';
  if (!readinessPath) return 'other';
  try {
    const res = await fetch(`http://127.0.0.1:${port}${readinessPath}`, {
      signal: AbortSignal.timeout(2000),
    });
    return res.status === 200 || res.status === 503 ? 'portal' : 'other';
  } catch {
    return 'other';
  }
}

/** Starts a command in its own process group so that stopping it stops its children too. */
export function spawnGroup(label, argv, options = {}) {
  const child = spawn(argv[0], argv.slice(1), {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: options.stdio ?? 'inherit',
    detached: true,
  });
  child.label = label;
  return child;
}

export async function stopAll(children, graceMs = 8000) {
  await Promise.all(
    children.map(
      child =>
        new Promise(resolve => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              /* already gone */
            }
          }, graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            clearTimeout(timer);
            resolve();
          }
        }),
    ),
  );
}

/** Polls a URL until it answers 200, or throws after timeoutMs naming what it waited for. */
export async function waitForHttp(url, timeoutMs, init) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(3000) });
      if (res.status === 200) return res;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000}s (last: ${last})`);
}
