import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeRssBytes } from './processTree.ts';
import type { BackendStart } from './types.ts';

const READY_TIMEOUT_MS = 240_000;
const POLL_MS = 100;

export interface BackendLaunch {
  /** The unpacked bundle's packages/backend. */
  backendDir: string;
  /** Absolute config files, in order. */
  configs: string[];
  port: number;
  env: Record<string, string>;
  /** How long after readiness the RSS is read: schedules that start with the backend have run. */
  settleMs: number;
}

function stopGroup(pid: number, exited: Promise<unknown>): Promise<unknown> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  return exited.finally(() => clearTimeout(timer));
}

/**
 * One cold start in production mode on an empty SQLite folder: the time from spawn to the first
 * 200 from the readiness endpoint, and the process tree's RSS `settleMs` later.
 */
export async function measureBackendStart(
  launch: BackendLaunch,
): Promise<BackendStart> {
  if (await listening(launch.port)) {
    throw new Error(
      `port ${launch.port} is already in use, so readiness would be another process's: stop it or set STOCK_COMPARISON_PORT`,
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'stock-comparison-'));
  const origin = `http://localhost:${launch.port}`;
  let output = '';
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['.', ...launch.configs.flatMap(c => ['--config', c])],
    {
      cwd: launch.backendDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...launch.env,
        NODE_ENV: 'production',
        APP_CONFIG_app_baseUrl: origin,
        APP_CONFIG_backend_baseUrl: origin,
        APP_CONFIG_backend_listen_port: String(launch.port),
        APP_CONFIG_backend_cors_origin: origin,
        APP_CONFIG_backend_database_client: 'better-sqlite3',
        APP_CONFIG_backend_database_connection: JSON.stringify({
          directory: join(dataDir, 'sqlite'),
        }),
        HOMELAB_DATA_DIR: dataDir,
      },
    },
  );
  const exited = new Promise(resolve => child.once('exit', resolve));
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', d => (output = (output + d).slice(-20_000)));
  try {
    const readyMs = await waitForReadiness(
      launch.port,
      started,
      () => child.exitCode,
      () => output,
    );
    await new Promise(r => setTimeout(r, launch.settleMs));
    if (child.exitCode !== null)
      throw new Error(
        `backend in ${
          launch.backendDir
        } exited after readiness:\n${output.slice(-3000)}`,
      );
    return { readyMs, rssBytes: treeRssBytes(child.pid!) };
  } finally {
    await stopGroup(child.pid!, exited);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitForReadiness(
  port: number,
  started: number,
  exitCode: () => number | null,
  output: () => string,
): Promise<number> {
  const url = `http://127.0.0.1:${port}/.backstage/health/v1/readiness`;
  while (performance.now() - started < READY_TIMEOUT_MS) {
    if (exitCode() !== null)
      throw new Error(
        `backend exited (${exitCode()}) before it was ready:\n${output().slice(
          -3000,
        )}`,
      );
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return performance.now() - started;
    } catch {
      /* not listening yet */
    }
    await new Promise(r => setTimeout(r, POLL_MS));
  }
  throw new Error(
    `${url} did not answer 200 within ${
      READY_TIMEOUT_MS / 1000
    }s:\n${output().slice(-3000)}`,
  );
}

function listening(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
