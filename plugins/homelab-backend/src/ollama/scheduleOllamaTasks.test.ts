import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { HomelabBackendConfig } from '../config';
import type { OllamaSampler } from './OllamaSampler';
import type { OllamaSampleStore } from './OllamaSampleStore';
import {
  ollamaTaskTimeouts,
  samplerRequestTimeoutMs,
  samplerTickMs,
  scheduleOllamaTasks,
  TASK_IDS,
} from './scheduleOllamaTasks';
import type { OllamaReader } from './sources';

const settings = (
  sampleIntervalMs: number,
  probeIntervalMs = 600_000,
): HomelabBackendConfig['ollama'] => ({
  sampleIntervalMs,
  retentionMs: 7 * 86_400_000,
  churnThreshold: 3,
  throughputProbe: { enabled: true, intervalMs: probeIntervalMs },
});

async function scheduled(ollama: HomelabBackendConfig['ollama']) {
  const scheduler = mockServices.scheduler.mock();
  await scheduleOllamaTasks({
    scheduler,
    settings: ollama,
    sampler: {} as OllamaSampler,
    store: {} as OllamaSampleStore,
    ollama: {} as OllamaReader,
    logger: mockServices.logger.mock(),
  });
  return scheduler.scheduleTask.mock.calls.map(([t]) => t);
}

/** A schedule's frequency or timeout in ms; the tasks give both in ms. */
const ms = (
  d:
    | SchedulerServiceTaskScheduleDefinition['timeout']
    | SchedulerServiceTaskScheduleDefinition['frequency'],
) => (d as { milliseconds: number }).milliseconds;

describe('the Ollama tasks on two replicas', () => {
  it.each([
    ['the defaults', settings(15_000)],
    ['a 2 s sampler and a 90 s probe', settings(2_000, 90_000)],
    ['an hourly sampler', settings(3_600_000)],
  ])(
    'run retention and the probe once for the deployment and tick the sampler on each replica, each timing out before its interval ends (%s)',
    async (_, ollama) => {
      const tasks = await scheduled(ollama);
      expect(tasks.map(t => t.id).sort()).toEqual(
        Object.values(TASK_IDS).sort(),
      );
      for (const task of tasks.filter(t => t.id !== TASK_IDS.sampler)) {
        expect({ id: task.id, scope: task.scope }).toEqual({
          id: task.id,
          scope: 'global',
        });
        expect(ms(task.timeout)).toBeLessThan(ms(task.frequency));
        expect(ms(task.timeout)).toBeGreaterThanOrEqual(1000);
      }
      // The sampler claims its slots in the plugin's database (OllamaSampler.tick), so every
      // replica ticks it, several times a slot: a slot is taken within a tick of its start.
      const sampler = tasks.find(t => t.id === TASK_IDS.sampler)!;
      expect(sampler.scope).toBe('local');
      expect(ms(sampler.frequency)).toBe(
        samplerTickMs(ollama.sampleIntervalMs),
      );
      expect(ms(sampler.frequency)).toBeLessThanOrEqual(
        ollama.sampleIntervalMs / 5,
      );
      const { samplerMs } = ollamaTaskTimeouts(ollama);
      expect(ms(sampler.timeout)).toBe(samplerMs);
      // Hand-over bound: next slot start + one tick, inside interval + timeout.
      expect(ms(sampler.frequency)).toBeLessThan(samplerMs);
    },
  );

  it('ticks the sampler every fifth of its interval, at most every 5 s', () => {
    expect(samplerTickMs(5_000)).toBe(1_000);
    expect(samplerTickMs(15_000)).toBe(3_000);
    expect(samplerTickMs(3_600_000)).toBe(5_000);
  });

  it('gives the sampler 80% of a 15 s interval, and each of its two reads of Ollama at most 40%', () => {
    const { samplerMs } = ollamaTaskTimeouts(settings(15_000));
    expect(samplerMs).toBe(12_000);
    expect(2 * samplerRequestTimeoutMs(samplerMs)).toBeLessThan(samplerMs);
    // A long interval keeps the usual caps: a minute per run, 10 s per read.
    const long = ollamaTaskTimeouts(settings(3_600_000)).samplerMs;
    expect(long).toBe(60_000);
    expect(samplerRequestTimeoutMs(long)).toBe(10_000);
  });

  it('refuses a sample interval too short for a timeout below it, naming the setting', async () => {
    await expect(scheduled(settings(1_000))).rejects.toThrow(
      'homelab config: homelab.ollama.sampleInterval is 1000 ms, too short for its task',
    );
  });

  it('refuses a throughput probe interval too short, only while the probe is enabled', () => {
    expect(() => ollamaTaskTimeouts(settings(15_000, 500))).toThrow(
      /homelab\.ollama\.throughputProbe\.interval is 500 ms.*set it to 2 s or more/,
    );
    const off = settings(15_000, 500);
    off.throughputProbe.enabled = false;
    expect(ollamaTaskTimeouts(off).throughputProbeMs).toBeUndefined();
  });
});
