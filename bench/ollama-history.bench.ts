import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import type { OllamaHistoryPoint } from '../plugins/homelab-common/src';
import { OllamaSampleStore } from '../plugins/homelab-backend/src/ollama/OllamaSampleStore';
import { OllamaStatusService } from '../plugins/homelab-backend/src/ollama/OllamaStatusService';
import { sampleColumns } from '../plugins/homelab-backend/src/ollama/sampleColumns';
import type { OllamaSample } from '../plugins/homelab-backend/src/ollama/types';
import type { BenchRow } from './types';

const DAY = 86_400_000;
const GiB = 2 ** 30;
const INTERVAL_MS = 15_000;
const WINDOW = { text: '7d', ms: 7 * DAY };
const MAX_POINTS = 720;
const NOW = Date.parse('2026-01-10T00:00:00Z');

/** The history as it was computed before the SQL downsampling: every sample loaded and parsed, then every n-th kept. */
async function loadAllHistory(store: OllamaSampleStore) {
  const samples = await store.since(NOW - WINDOW.ms);
  const stride = Math.max(1, Math.ceil(samples.length / MAX_POINTS));
  const picked = samples.filter(
    (_, i) => i % stride === 0 || i === samples.length - 1,
  );
  return picked.map(
    (s): OllamaHistoryPoint => ({
      at: new Date(s.sampledAt).toISOString(),
      reachable: s.reachable,
      latencyMs: s.latencyMs,
      cpuMillicores: s.pod?.usage.cpuMillicores,
      cpuLimitMillicores: s.pod?.limits.cpuMillicores,
      memoryBytes: s.pod?.usage.memoryBytes,
      memoryLimitBytes: s.pod?.limits.memoryBytes,
      loadedBytes: s.loaded.reduce((n, m) => n + m.sizeBytes, 0),
      loadedModels: s.loaded.map(m => m.name),
    }),
  );
}

/** A realistic sample: a pod, one loaded model, the three installed ones. */
function sample(at: number, i: number): OllamaSample {
  return {
    sampledAt: at,
    reachable: true,
    latencyMs: 3 + (i % 5),
    consecutiveFailures: 0,
    version: '0.12.6',
    loaded:
      i % 40 < 30
        ? [
            {
              name: 'qwen3:1.7b',
              sizeBytes: 2 * GiB,
              sizeVramBytes: 0,
              contextLength: 4096,
              expiresAt: new Date(at + 300_000).toISOString(),
            },
          ]
        : [],
    installed: ['qwen3:1.7b', 'moondream:latest', 'gemma3:1b'].map(name => ({
      name,
      sizeBytes: 1.5e9,
      parameterSize: '2.0B',
      quantization: 'Q4_K_M',
    })),
    pod: {
      name: 'ollama-6d9f7c5b8-x2kq4',
      nodeName: 'node-2',
      phase: 'Running',
      restarts: 0,
      usage: { cpuMillicores: 5 + (i % 300), memoryBytes: 2.4 * GiB },
      requests: { cpuMillicores: 1000, memoryBytes: 2 * GiB },
      limits: { cpuMillicores: 4000, memoryBytes: 6 * GiB },
      nodeAllocatable: { cpuMillicores: 12000, memoryBytes: 15 * GiB },
    },
    pair: {
      text: { name: 'qwen3:1.7b', bytes: 2 * GiB, source: 'loaded' },
      vision: { name: 'moondream', bytes: 2.5 * GiB, source: 'catalog' },
    },
  };
}

async function fill(knex: Knex): Promise<number> {
  const rows = [];
  let i = 0;
  for (let at = NOW - WINDOW.ms; at < NOW; at += INTERVAL_MS, i++) {
    const s = sample(at, i);
    rows.push({
      slot: at,
      sampled_at: at,
      reachable: true,
      consecutive_failures: 0,
      data: JSON.stringify(s),
      ...sampleColumns(s),
    });
  }
  // SQLite takes at most 500 terms in one compound insert.
  await knex.batchInsert('homelab_ollama_samples', rows, 400);
  return rows.length;
}

async function medianMs(times: number, fn: () => Promise<unknown>) {
  await fn(); // warm up caches and the query planner
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

async function measure(label: string, knex: Knex): Promise<BenchRow[]> {
  const store = await OllamaSampleStore.create(
    { getClient: async () => knex },
    { slotMs: INTERVAL_MS },
  );
  const samples = await fill(knex);
  const service = new OllamaStatusService({
    store,
    intervalMs: INTERVAL_MS,
    churnThreshold: 3,
    now: () => NOW,
  });
  const before = await medianMs(5, () => loadAllHistory(store));
  const after = await medianMs(20, () => service.history(WINDOW));
  const points = (await service.history(WINDOW)).points.length;
  const what = `GET /ollama/history?window=7d, ${samples.toLocaleString(
    'en',
  )} samples at 15 s, ${label}`;
  return [
    {
      metric: `${what}: before (load every sample, pick 720)`,
      value: Number(before.toFixed(2)),
      unit: 'ms',
    },
    {
      metric: `${what}: after (SQL, one row per bucket, ${points} points)`,
      value: Number(after.toFixed(2)),
      unit: 'ms',
      ratio: Number((after / before).toFixed(4)),
      note: 'vs before; target well under 1',
    },
  ];
}

/** A fresh database on the machine's PostgreSQL, when one answers; dropped afterwards. */
async function postgres(): Promise<
  { knex: Knex; drop: () => Promise<void> } | undefined
> {
  const ready = spawnSync('pg_isready', [
    '-q',
    '-h',
    '127.0.0.1',
    '-p',
    '5432',
  ]);
  if (ready.status !== 0) return undefined;
  const connection = { host: '127.0.0.1', port: 5432, user: 'postgres' };
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  await admin.raw('CREATE DATABASE ??', [name]);
  const knex = knexFactory({
    client: 'pg',
    connection: { ...connection, database: name },
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw('DROP DATABASE ??', [name]);
      await admin.destroy();
    },
  };
}

/**
 * The history route's database work for a full 7-day window: the old path
 * (every sample read and parsed, every n-th kept) against the SQL
 * downsampling, on SQLite and, when it answers, the machine's PostgreSQL.
 */
export async function run(): Promise<BenchRow[]> {
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const rows: BenchRow[] = [];
  try {
    rows.push(...(await measure('SQLite in memory', sqlite)));
  } finally {
    await sqlite.destroy();
  }
  const pg = await postgres();
  if (pg) {
    try {
      rows.push(...(await measure('PostgreSQL on 127.0.0.1', pg.knex)));
    } finally {
      await pg.drop();
    }
  }
  return rows;
}
