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

  const qwen = (sizeVramBytes: number) => ({
    name: 'qwen3:8b',
    sizeBytes: 4 * GiB,
    sizeVramBytes,
    contextLength: 4096,
  });

  it('a model half on the GPU counts only its RAM share against the limit', () => {
    const s = derive({ ...base, loaded: [qwen(2 * GiB)] });
    expect(s.loadedModels[0]).toMatchObject({
      ramBytes: 2 * GiB,
      vramBytes: 2 * GiB,
      placement: 'split',
      gpuShare: 0.5,
      percentOfMemoryLimit: 50,
    });
    expect(s.memoryBudget).toMatchObject({
      loadedBytes: 2 * GiB,
      loadedVramBytes: 2 * GiB,
    });
  });

  it('a model wholly on the GPU takes none of the memory limit', () => {
    const s = derive({ ...base, loaded: [qwen(4 * GiB)] });
    expect(s.loadedModels[0]).toMatchObject({
      ramBytes: 0,
      placement: 'gpu',
      percentOfMemoryLimit: 0,
    });
    expect(s.memoryBudget.loadedBytes).toBe(0);
  });

  it('a loaded model on the GPU counts its RAM share towards the text and vision pair', () => {
    const s = derive({
      ...base,
      loaded: [qwen(3 * GiB)],
      pair: {
        text: {
          name: 'qwen3:8b',
          bytes: GiB,
          vramBytes: 3 * GiB,
          source: 'loaded',
        },
        vision: { name: 'moondream', bytes: 2.5e9, source: 'catalog' },
      },
    });
    expect(s.memoryBudget.pairFitsLimit).toBe(true);
    expect(s.warnings).toEqual([]);
  });

  it('a model on a CPU-only host counts whole against the limit', () => {
    const s = derive({ ...base, loaded: [qwen(0)] });
    expect(s.loadedModels[0]).toMatchObject({
      ramBytes: 4 * GiB,
      placement: 'cpu',
      percentOfMemoryLimit: 100,
    });
    expect(s.memoryBudget.loadedVramBytes).toBeUndefined();
  });

  it('says the pod has no memory limit instead of comparing with one', () => {
    const s = derive({
      ...base,
      loaded: [qwen(0)],
      pod: { ...base.pod!, limits: { cpuMillicores: 4000 } },
    });
    expect(s.pod?.memoryBytes).toMatchObject({ noLimit: true });
    expect(s.pod?.cpuMillicores.noLimit).toBeUndefined();
    expect(s.memoryBudget).toMatchObject({ noLimit: true });
    expect(s.memoryBudget.pairFitsLimit).toBeUndefined();
    expect(s.loadedModels[0].percentOfMemoryLimit).toBeUndefined();
    expect(s.warnings).toEqual([]);
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
