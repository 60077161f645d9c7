import { deriveStatus } from './deriveStatus';
import type { OllamaSample } from './types';

const GiB = 2 ** 30;
const now = Date.parse('2026-01-01T12:00:00Z');
const base: OllamaSample = {
  sampledAt: now - 5000,
  reachable: true,
  consecutiveFailures: 0,
  loaded: [],
  installed: [],
  pod: {
    name: 'ollama-1',
    usage: { memoryBytes: GiB },
    requests: {},
    limits: { memoryBytes: 4 * GiB },
    nodeAllocatable: { memoryBytes: 15 * GiB },
  },
  pair: {
    text: { name: 'qwen3:1.7b', bytes: 2.2e9, source: 'catalog' },
    vision: { name: 'moondream', bytes: 2.5e9, source: 'catalog' },
  },
};
const derive = (latest: OllamaSample) =>
  deriveStatus({
    latest,
    lastHour: [latest],
    intervalMs: 15_000,
    churnThreshold: 3,
    now,
  });

describe('deriveStatus', () => {
  it('warns when the text and vision models cannot both fit under the memory limit', () => {
    const s = derive(base);
    expect(s.memoryBudget.pairFitsLimit).toBe(false);
    expect(s.warnings).toEqual([
      expect.stringMatching(
        /qwen3:1.7b .* and moondream .* more than Ollama's memory limit of 4.0 GiB/,
      ),
    ]);
  });

  it('reports the age of the newest sample and flags it stale after three missed intervals', () => {
    expect(derive(base)).toMatchObject({ ageSeconds: 5, stale: false });
    const old = derive({ ...base, sampledAt: now - 60_000 });
    expect(old).toMatchObject({ ageSeconds: 60, stale: true });
    expect(old.warnings).toContainEqual(expect.stringMatching(/60 s old/));
  });

  it('says there is no data before the first sample', () => {
    expect(
      deriveStatus({
        lastHour: [],
        intervalMs: 15_000,
        churnThreshold: 3,
        now,
      }),
    ).toMatchObject({ hasData: false, stale: false });
  });
});
