import { mockServices } from '@backstage/backend-test-utils';
import { type HomelabSim, startTestSim } from '@internal/homelab-sim';
import {
  closeMemoryDatabases,
  memoryDatabase,
} from '../__testUtils__/memoryDatabase';
import { simConfig } from '../__testUtils__/simConfig';
import { deriveStatus } from './deriveStatus';
import { OllamaSampler } from './OllamaSampler';
import { OllamaSampleStore } from './OllamaSampleStore';
import { sourcesFromConfig } from './sourcesFromConfig';

const INTERVAL = 15_000;
const GiB = 2 ** 30;

describe('OllamaSampler against the stand-in', () => {
  afterEach(closeMemoryDatabases);
  let sim: HomelabSim;
  beforeEach(async () => {
    sim = (
      await startTestSim({ manifestsDir: `${__dirname}/../../../../manifests` })
    ).sim;
  });
  afterEach(() => sim.close());

  async function setup() {
    let clock = Date.parse('2026-01-01T10:00:00Z');
    const logger = mockServices.logger.mock();
    const store = await OllamaSampleStore.create(memoryDatabase(), {
      slotMs: INTERVAL,
    });
    const sources = sourcesFromConfig(simConfig(sim), logger);
    const sampler = new OllamaSampler({
      ...sources,
      store,
      logger,
      intervalMs: INTERVAL,
      textModel: 'qwen3:1.7b',
      visionModel: 'moondream',
      now: () => clock,
    });
    const advance = (ms: number) => {
      clock += ms;
    };
    const status = async () =>
      deriveStatus({
        latest: await store.latest(),
        lastHour: await store.since(clock - 3_600_000),
        intervalMs: INTERVAL,
        churnThreshold: 3,
        now: clock,
      });
    return { sampler, store, logger, sources, advance, status };
  }

  it('shows the models Ollama has loaded, the pod usage and its limits', async () => {
    const { sampler, sources, status } = await setup();
    await sources.ollama.generate({
      model: 'qwen3:1.7b',
      prompt: 'tag this',
      stream: false,
    });

    await sampler.tick();
    const s = await status();

    expect(s.reachable).toBe(true);
    expect(s.version).toMatch(/\d/);
    expect(s.loadedModels.map(m => m.name)).toEqual(['qwen3:1.7b']);
    expect(s.loadedModels[0].cpuShare).toBe(1);
    expect(s.loadedModels[0].secondsUntilUnload).toBeGreaterThan(0);
    expect(s.installedModels.map(m => m.name)).toEqual(
      expect.arrayContaining(['qwen3:1.7b', 'moondream:latest', 'gemma3:1b']),
    );
    expect(s.pod?.memoryBytes.limit).toBe(6 * GiB);
    expect(s.pod?.memoryBytes.used).toBeGreaterThan(
      s.loadedModels[0].sizeBytes,
    );
    expect(s.memoryBudget.text?.source).toBe('loaded');
    expect(s.memoryBudget.pairFitsLimit).toBe(true);
  });

  it('counts only the RAM share of a model partly on the GPU against the pod memory limit', async () => {
    await sim.setScenario('gpu');
    const { sampler, sources, status } = await setup();
    await sources.ollama.generate({
      model: 'moondream',
      prompt: 'describe this',
      stream: false,
    });

    await sampler.tick();
    const s = await status();

    // moondream takes 2.5 GiB loaded; the 2 GiB GPU holds 2 GiB of it.
    expect(s.loadedModels).toEqual([
      expect.objectContaining({
        name: 'moondream:latest',
        sizeBytes: 2.5 * GiB,
        ramBytes: 0.5 * GiB,
        vramBytes: 2 * GiB,
        placement: 'split',
        gpuShare: 0.8,
        percentOfMemoryLimit: 8.3, // 0.5 of the 6 GiB limit
      }),
    ]);
    expect(s.memoryBudget).toMatchObject({
      loadedBytes: 0.5 * GiB,
      loadedVramBytes: 2 * GiB,
      limitBytes: 6 * GiB,
    });
    expect(s.memoryBudget.vision).toEqual({
      name: 'moondream',
      bytes: 0.5 * GiB,
      vramBytes: 2 * GiB,
      source: 'loaded',
    });
    // The pod's own RAM, as metrics-server reports it, leaves the GPU part out too.
    expect(s.pod?.memoryBytes.used).toBeLessThan(GiB);
  });

  it('shows a model wholly on the GPU, and one loaded after the GPU is full in RAM', async () => {
    await sim.setScenario('gpu');
    const { sampler, sources, status } = await setup();
    for (const model of ['qwen3:1.7b', 'gemma3:1b']) {
      await sources.ollama.generate({ model, prompt: 'hi', stream: false });
    }

    await sampler.tick();
    const byName = Object.fromEntries(
      (await status()).loadedModels.map(m => [m.name, m]),
    );

    expect(byName['qwen3:1.7b']).toMatchObject({
      placement: 'gpu',
      ramBytes: 0,
      percentOfMemoryLimit: 0,
    });
    expect(byName['gemma3:1b']).toMatchObject({
      placement: 'cpu',
      vramBytes: 0,
    });
  });

  it('marks Ollama unreachable, backs off with one warning per outage, and recovers', async () => {
    const { sampler, store, logger, advance, status } = await setup();
    await sampler.tick();
    await sim.setScenario({
      name: 'down',
      extends: 'fast',
      ollama: { up: false },
    });

    advance(INTERVAL);
    const firstFailure = await sampler.tick();
    expect(firstFailure?.reachable).toBe(false);
    advance(INTERVAL);
    expect(await sampler.tick()).toBeUndefined(); // waiting 2 intervals after one failure
    advance(INTERVAL);
    expect((await sampler.tick())?.consecutiveFailures).toBe(2);
    for (let i = 0; i < 40; i++) {
      advance(INTERVAL);
      await sampler.tick();
    }
    const samples = await store.since(0);
    const failures = samples.filter(x => !x.reachable);
    // 41 more intervals passed; with back-off doubling to 5 minutes only a handful were attempts.
    expect(failures.length).toBeLessThan(8);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(/does not answer/);

    const down = await status();
    expect(down.reachable).toBe(false);
    expect(down.unreachableSince).toBe(
      new Date(firstFailure!.sampledAt).toISOString(),
    );
    expect(down.warnings[0]).toMatch(/has not answered since/);

    await sim.setScenario('fast');
    advance(5 * 60_000);
    const back = await sampler.tick();
    expect(back?.reachable).toBe(true);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/answers again/),
    );
    expect((await status()).reachable).toBe(true);
  });
});
