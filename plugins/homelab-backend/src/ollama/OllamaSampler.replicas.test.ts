import { mockServices } from '@backstage/backend-test-utils';
import { databaseService, testDatabases } from '../__testUtils__/testDatabases';
import { OllamaSampler } from './OllamaSampler';
import { OllamaSampleStore } from './OllamaSampleStore';
import type { OllamaReader } from './sources';

const INTERVAL = 15_000;
/** What scheduleOllamaTasks gives a 15 s interval (samplerTickMs). */
const TICK = 3_000;
const slotStart =
  Math.floor(Date.parse('2026-01-10T00:00:00Z') / INTERVAL) * INTERVAL;

const databases = testDatabases();
const onEachDatabase = databases.eachSupportedId();
jest.setTimeout(60_000);

/** An Ollama that counts its sampling runs (version calls); `hang` makes the next run never answer. */
function countingOllama() {
  const state = { runs: 0, hang: false, release: () => {} };
  const ollama: OllamaReader = {
    version: async () => {
      state.runs += 1;
      if (state.hang)
        await new Promise<void>(resolve => (state.release = resolve));
      return { version: '0.9.0' };
    },
    tags: async () => ({ models: [] }),
    ps: async () => ({ models: [] }),
    generate: async () => ({}),
  };
  return { ollama, state };
}

/** Two replicas: each its own store, sampler and Ollama client, on one database and one clock. */
async function twoReplicas(id: Parameters<typeof databaseService>[1]) {
  const db = await databaseService(databases, id);
  const clock = { now: slotStart };
  const replica = async (name: string) => {
    const store = await OllamaSampleStore.create(db, { slotMs: INTERVAL });
    const { ollama, state } = countingOllama();
    const sampler = new OllamaSampler({
      ollama,
      store,
      logger: mockServices.logger.mock(),
      intervalMs: INTERVAL,
      namespace: 'ai',
      labelSelector: 'app.kubernetes.io/name=ollama',
      ollamaName: 'http://ollama:11434',
      requestTimeoutMs: 60_000,
      claimant: name,
      now: () => clock.now,
    });
    return { store, sampler, ollama: state };
  };
  const [a, b] = await Promise.all([replica('a'), replica('b')]);
  const slots = async () =>
    (await a.store.since(0)).map(s => a.store.slotOf(s.sampledAt));
  return { db, clock, a, b, slots };
}

describe('the sampler on two replicas sharing one database', () => {
  it.each(onEachDatabase)(
    'reads Ollama once per slot while both tick several times a slot (%s)',
    async id => {
      const { clock, a, b, slots } = await twoReplicas(id);
      // Four slots; b ticks a second after a, both every TICK.
      for (let t = 0; t < 4 * INTERVAL; t += TICK) {
        clock.now = slotStart + t;
        await a.sampler.tick();
        clock.now = slotStart + t + 1_000;
        await b.sampler.tick();
      }
      expect(a.ollama.runs + b.ollama.runs).toBe(4);
      expect(await slots()).toEqual(
        [0, 1, 2, 3].map(i => slotStart + i * INTERVAL),
      );
    },
  );

  it.each(onEachDatabase)(
    'ticks at the same moment read Ollama once (%s)',
    async id => {
      const { clock, a, b, slots } = await twoReplicas(id);
      clock.now = slotStart + 500;
      const stored = await Promise.all([a.sampler.tick(), b.sampler.tick()]);
      expect(stored.filter(Boolean)).toHaveLength(1);
      expect(a.ollama.runs + b.ollama.runs).toBe(1);
      expect(await slots()).toEqual([slotStart]);
    },
  );

  it.each(onEachDatabase)(
    'the other takes over at the next slot when the one sampling stops mid-run, and no slot is written twice (%s)',
    async id => {
      const { clock, a, b, slots } = await twoReplicas(id);
      clock.now = slotStart + 100;
      await a.sampler.tick();
      // Slot 1: a claims it and its read of Ollama never answers (the replica is killed).
      a.ollama.hang = true;
      clock.now = slotStart + INTERVAL + 100;
      const lost = a.sampler.tick();
      while (a.ollama.runs < 2) await new Promise(r => setTimeout(r, 10));
      // b ticks through the rest of slot 1: the slot is a's, so b leaves Ollama alone.
      for (const t of [1_100, 4_100, 7_100, 10_100, 13_100]) {
        clock.now = slotStart + INTERVAL + t;
        expect(await b.sampler.tick()).toBeUndefined();
      }
      expect(b.ollama.runs).toBe(0);
      // The first tick of slot 2 is b's, and it samples.
      clock.now = slotStart + 2 * INTERVAL + 1_100;
      expect((await b.sampler.tick())?.sampledAt).toBe(clock.now);
      expect(b.ollama.runs).toBe(1);
      // A late write of a's lost slot 1 run finds nothing to overwrite; slot 2 stays b's.
      expect(
        await a.store.add({
          sampledAt: slotStart + 2 * INTERVAL + 50,
          reachable: true,
          consecutiveFailures: 0,
          loaded: [],
          installed: [],
        }),
      ).toBe(false);
      expect(await slots()).toEqual([slotStart, slotStart + 2 * INTERVAL]);
      // (Only so the test ends cleanly: the hung read answers, its slot 1 sample is a's own.)
      a.ollama.release();
      await lost;
      expect(b.ollama.runs + a.ollama.runs).toBe(3);
    },
  );

  it.each(onEachDatabase)(
    'prunes slot claims with the retention (%s)',
    async id => {
      const { db, clock, a } = await twoReplicas(id);
      for (const i of [0, 1, 2]) {
        clock.now = slotStart + i * INTERVAL;
        await a.sampler.tick();
      }
      await a.store.prune(slotStart + INTERVAL);
      const claims = await db
        .knex('homelab_ollama_sampler_claims')
        .orderBy('slot')
        .select('slot', 'claimant');
      expect(claims.map(c => [Number(c.slot), c.claimant])).toEqual([
        [slotStart + INTERVAL, 'a'],
        [slotStart + 2 * INTERVAL, 'a'],
      ]);
    },
  );
});
