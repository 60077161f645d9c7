import {
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { databaseService, testDatabases } from '../__testUtils__/testDatabases';
import { MAX_POINTS } from './history';
import { OllamaSampler } from './OllamaSampler';
import { OllamaSampleStore } from './OllamaSampleStore';
import type { OllamaReader } from './sources';
import { OllamaStatusService } from './OllamaStatusService';
import type { OllamaSample } from './types';
import { historyQuery } from './window';

const DAY = 86_400_000;
const GiB = 2 ** 30;
const now = Date.parse('2026-01-10T00:00:00Z');
const sample = (
  sampledAt: number,
  extra: Partial<OllamaSample> = {},
): OllamaSample => ({
  sampledAt,
  reachable: true,
  consecutiveFailures: 0,
  loaded: [],
  installed: [],
  ...extra,
});
const withPod = (memoryBytes: number, cpuMillicores: number) => ({
  pod: {
    name: 'ollama-1',
    usage: { memoryBytes, cpuMillicores },
    requests: {},
    limits: { memoryBytes: 6 * GiB },
    nodeAllocatable: {},
  },
});

const databases = testDatabases();
/** Each case on every database TestDatabases supports here, e.g. "... (POSTGRES_15)". */
const onEachDatabase = databases.eachSupportedId();
// A fresh PostgreSQL database and a week of samples take a while on a busy machine.
jest.setTimeout(60_000);

/** Slots of 1 s, so the history cases can put several samples in one bucket. */
const SLOT_MS = 1000;

async function storeOn(id: TestDatabaseId, slotMs = SLOT_MS) {
  const db = await databaseService(databases, id);
  return { db, store: await OllamaSampleStore.create(db, { slotMs }) };
}

const history = (store: OllamaSampleStore, window: string) =>
  new OllamaStatusService({
    store,
    intervalMs: 15_000,
    churnThreshold: 3,
    now: () => now,
  }).history(historyQuery.parse({ window }).window);

describe('OllamaSampleStore retention', () => {
  it.each(onEachDatabase)(
    'prunes samples and probe results older than the retention and keeps the rest (%s)',
    async id => {
      const { store } = await storeOn(id);
      for (const age of [9, 8, 6, 1, 0])
        await store.add(sample(now - age * DAY));
      await store.addProbe({
        probedAt: now - 8 * DAY,
        model: 'qwen3:1.7b',
        tokensPerSecond: 12,
      });
      await store.addProbe({
        probedAt: now - DAY,
        model: 'qwen3:1.7b',
        tokensPerSecond: 11,
      });

      const removed = await store.prune(now - 7 * DAY);

      expect(removed).toBe(3);
      const left = await store.since(0);
      expect(left.map(s => (now - s.sampledAt) / DAY)).toEqual([6, 1, 0]);
      expect((await store.latestProbe())?.tokensPerSecond).toBe(11);
    },
  );

  it.each(onEachDatabase)(
    'runs its migrations once even when created twice on the same database (%s)',
    async id => {
      const { db } = await storeOn(id);
      const again = await OllamaSampleStore.create(db, { slotMs: SLOT_MS });
      await again.add(sample(1));
      expect(await again.latest()).toMatchObject({ sampledAt: 1 });
    },
  );
});

describe('one sample per sampler slot', () => {
  const INTERVAL = 15_000;
  const slotStart = Math.floor(now / INTERVAL) * INTERVAL;

  /** An Ollama that answers and counts the version calls, i.e. sampling runs. */
  function countingOllama() {
    const calls = { version: 0 };
    const ollama: OllamaReader = {
      version: async () => {
        calls.version += 1;
        return { version: '0.9.0' };
      },
      tags: async () => ({ models: [] }),
      ps: async () => ({ models: [] }),
      generate: async () => ({}),
    };
    return { ollama, calls };
  }

  function samplerAt(
    store: OllamaSampleStore,
    ollama: OllamaReader,
    at: number,
  ) {
    return new OllamaSampler({
      ollama,
      store,
      logger: mockServices.logger.mock(),
      intervalMs: INTERVAL,
      namespace: 'ai',
      labelSelector: 'app.kubernetes.io/name=ollama',
      ollamaName: 'http://ollama:11434',
      now: () => at,
    });
  }

  it.each(onEachDatabase)(
    'two replicas writing the same slot keep one sample (%s)',
    async id => {
      const db = await databaseService(databases, id);
      const [a, b] = await Promise.all([
        OllamaSampleStore.create(db, { slotMs: INTERVAL }),
        OllamaSampleStore.create(db, { slotMs: INTERVAL }),
      ]);

      const stored = await Promise.all([
        a.add(sample(slotStart + 1_000, { latencyMs: 11 })),
        b.add(sample(slotStart + 1_200, { latencyMs: 22 })),
        a.add(sample(slotStart + INTERVAL - 1, { latencyMs: 33 })),
      ]);

      expect(stored.filter(Boolean)).toHaveLength(1);
      expect(await a.since(0)).toHaveLength(1);
      // The next slot is open to either replica.
      expect(await b.add(sample(slotStart + INTERVAL))).toBe(true);
      expect((await a.since(0)).map(s => s.sampledAt)).toEqual([
        expect.any(Number),
        slotStart + INTERVAL,
      ]);
    },
  );

  it.each(onEachDatabase)(
    'a sampler restarted in the middle of a slot does not write it twice (%s)',
    async id => {
      const db = await databaseService(databases, id);
      const { ollama, calls } = countingOllama();
      const before = await OllamaSampleStore.create(db, { slotMs: INTERVAL });
      const first = await samplerAt(before, ollama, slotStart + 2_000).tick();
      expect(first?.sampledAt).toBe(slotStart + 2_000);

      // The backend restarts: a new store and sampler on the same database,
      // and the scheduler runs the task again 7 s into the same slot.
      const after = await OllamaSampleStore.create(db, { slotMs: INTERVAL });
      expect(await samplerAt(after, ollama, slotStart + 9_000).tick()).toBe(
        undefined,
      );
      // A run of the old process that was still in flight lands late: ignored.
      expect(await before.add(sample(slotStart + 3_000))).toBe(false);

      expect((await after.since(0)).map(s => s.sampledAt)).toEqual([
        slotStart + 2_000,
      ]);
      expect(calls.version).toBe(1);
      // The next slot is sampled as usual.
      const next = await samplerAt(after, ollama, slotStart + INTERVAL).tick();
      expect(next?.sampledAt).toBe(slotStart + INTERVAL);
    },
  );

  it.each(onEachDatabase)(
    'an upgrade gives stored samples their 15 s slots and keeps the newest of a slot twice written (%s)',
    async id => {
      const db = await databaseService(databases, id);
      const directory = `${__dirname}/../../migrations`;
      for (const name of [
        '20250601000000_ollama_samples.js',
        '20261201000000_ollama_sample_figures.js',
      ])
        await db.knex.migrate.up({ directory, name });
      const rows = [
        slotStart + 1_000,
        slotStart + 4_000, // a second replica's sample in the same slot
        slotStart + INTERVAL + 500,
      ].map(at => ({
        sampled_at: at,
        reachable: true,
        consecutive_failures: 0,
        data: JSON.stringify(sample(at)),
      }));
      await db.knex('homelab_ollama_samples').insert(rows);

      const store = await OllamaSampleStore.create(db, { slotMs: INTERVAL });

      expect((await store.since(0)).map(s => s.sampledAt)).toEqual([
        slotStart + 4_000,
        slotStart + INTERVAL + 500,
      ]);
      expect(await store.add(sample(slotStart + INTERVAL + 9_000))).toBe(false);
    },
  );
});

describe('the Ollama usage history', () => {
  it.each(onEachDatabase)(
    'a week of samples every 15 s comes back as one point per bucket, from one row per bucket (%s)',
    async id => {
      const { db, store } = await storeOn(id);
      const from = now - 7 * DAY;
      // Every 15 s for a week, written in batches: 40,320 samples.
      const rows = [];
      for (let at = from; at < now; at += 15_000) {
        const s = sample(at, withPod(GiB + (at % 7) * 1000, 500));
        rows.push({
          slot: at,
          sampled_at: at,
          reachable: true,
          consecutive_failures: 0,
          data: JSON.stringify(s),
          memory_bytes: s.pod!.usage.memoryBytes,
          memory_limit_bytes: 6 * GiB,
          cpu_millicores: 500,
          loaded_models: '[]',
        });
      }
      // SQLite takes at most 500 terms in one compound insert.
      await db.knex.batchInsert('homelab_ollama_samples', rows, 400);
      let largestRead = 0;
      db.knex.on('query-response', (response: unknown) => {
        if (Array.isArray(response))
          largestRead = Math.max(largestRead, response.length);
      });

      const week = await history(store, '7d');

      expect(week.points.length).toBeGreaterThanOrEqual(MAX_POINTS);
      expect(week.points.length).toBeLessThanOrEqual(MAX_POINTS + 1);
      expect(largestRead).toBe(week.points.length);
      const times = week.points.map(p => Date.parse(p.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBe(now - 15_000);
      expect(week.points[1]).toMatchObject({
        reachable: true,
        cpuMillicores: 500,
        memoryLimitBytes: 6 * GiB,
        loadedBytes: 0,
        loadedModels: [],
      });
    },
  );

  it.each(onEachDatabase)(
    'a point shows the peak memory and CPU of its bucket, the mean latency and an outage inside it (%s)',
    async id => {
      const { store } = await storeOn(id);
      // 1h: buckets of 5 s; these three samples fall into one.
      const bucketStart = now - 60_000;
      await store.add(
        sample(bucketStart, { ...withPod(2 * GiB, 300), latencyMs: 10 }),
      );
      await store.add(
        sample(bucketStart + 1000, {
          ...withPod(3 * GiB, 3500),
          latencyMs: 30,
        }),
      );
      await store.add(
        sample(bucketStart + 2000, {
          reachable: false,
          consecutiveFailures: 1,
          error: 'connect ECONNREFUSED',
        }),
      );
      await store.add(
        sample(now - 30_000, { ...withPod(GiB, 100), latencyMs: 5 }),
      );

      const { points } = await history(store, '1h');

      expect(points).toEqual([
        {
          at: new Date(bucketStart + 2000).toISOString(),
          reachable: false,
          latencyMs: 20,
          cpuMillicores: 3500,
          cpuLimitMillicores: undefined,
          memoryBytes: 3 * GiB,
          memoryLimitBytes: 6 * GiB,
          loadedBytes: 0,
          loadedVramBytes: undefined,
          loadedModels: [],
        },
        expect.objectContaining({
          reachable: true,
          memoryBytes: GiB,
          latencyMs: 5,
        }),
      ]);
    },
  );

  it.each(onEachDatabase)(
    'a point lists the models of its newest sample and counts only the RAM share of a model on the GPU (%s)',
    async id => {
      const { store } = await storeOn(id);
      const model = (name: string, sizeVramBytes: number) => ({
        name,
        sizeBytes: 4 * GiB,
        sizeVramBytes,
      });
      await store.add(
        sample(now - 60_000, { loaded: [model('gemma3:1b', 0)] }),
      );
      await store.add(
        sample(now - 59_000, { loaded: [model('qwen3:8b', 3 * GiB)] }),
      );

      const { points } = await history(store, '1h');

      expect(points).toEqual([
        expect.objectContaining({
          loadedModels: ['qwen3:8b'],
          loadedBytes: 4 * GiB, // gemma3:1b, all in RAM, is the peak
          loadedVramBytes: 3 * GiB,
        }),
      ]);
    },
  );

  it.each(onEachDatabase)(
    'samples stored before the upgrade show in the history with their figures (%s)',
    async id => {
      const db = await databaseService(databases, id);
      const directory = `${__dirname}/../../migrations`;
      await db.knex.migrate.up({
        directory,
        name: '20250601000000_ollama_samples.js',
      });
      const old = sample(now - 60_000, {
        ...withPod(2 * GiB, 700),
        latencyMs: 12,
        loaded: [{ name: 'qwen3:8b', sizeBytes: 4 * GiB, sizeVramBytes: GiB }],
      });
      await db.knex('homelab_ollama_samples').insert({
        sampled_at: old.sampledAt,
        reachable: true,
        consecutive_failures: 0,
        data: JSON.stringify(old),
      });

      const store = await OllamaSampleStore.create(db, { slotMs: SLOT_MS });
      const { points } = await history(store, '1h');

      expect(points).toEqual([
        expect.objectContaining({
          latencyMs: 12,
          cpuMillicores: 700,
          memoryBytes: 2 * GiB,
          memoryLimitBytes: 6 * GiB,
          loadedBytes: 3 * GiB,
          loadedVramBytes: GiB,
          loadedModels: ['qwen3:8b'],
        }),
      ]);
    },
  );
});
