import {
  closeMemoryDatabases,
  memoryDatabase,
} from '../__testUtils__/memoryDatabase';
import { OllamaSampleStore } from './OllamaSampleStore';
import type { OllamaSample } from './types';

const DAY = 86_400_000;
const sample = (sampledAt: number): OllamaSample => ({
  sampledAt,
  reachable: true,
  consecutiveFailures: 0,
  loaded: [],
  installed: [],
});

describe('OllamaSampleStore retention', () => {
  afterEach(closeMemoryDatabases);
  it('prunes samples and probe results older than the retention and keeps the rest', async () => {
    const store = await OllamaSampleStore.create(memoryDatabase());
    const now = Date.parse('2026-01-10T00:00:00Z');
    for (const age of [9, 8, 6, 1, 0]) await store.add(sample(now - age * DAY));
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
  });

  it('runs its migrations once even when created twice on the same database', async () => {
    const db = memoryDatabase();
    await OllamaSampleStore.create(db);
    const again = await OllamaSampleStore.create(db);
    await again.add(sample(1));
    expect(await again.latest()).toMatchObject({ sampledAt: 1 });
  });
});
