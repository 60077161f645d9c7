import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { HomelabBackendConfig } from '../config';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  type OllamaSampler,
} from './OllamaSampler';
import type { OllamaSampleStore } from './OllamaSampleStore';
import type { OllamaReader } from './sources';
import { taskTimeoutMs } from './taskTimeout';
import { runThroughputProbe } from './ThroughputProbe';

/** Task ids, for triggering them by hand (tests, the bench). */
export const TASK_IDS = {
  sampler: 'homelab-ollama-sampler',
  retention: 'homelab-ollama-retention',
  throughputProbe: 'homelab-ollama-throughput-probe',
} as const;

const RETENTION_INTERVAL_MS = 3_600_000;

/**
 * Each task's timeout, below its interval (see taskTimeoutMs). Throws, naming
 * the setting, when an interval is too short; call it before building the
 * sampler, whose request timeout comes from the sampler's.
 */
export function ollamaTaskTimeouts(settings: HomelabBackendConfig['ollama']) {
  return {
    samplerMs: taskTimeoutMs(
      'homelab.ollama.sampleInterval',
      settings.sampleIntervalMs,
      60_000,
    ),
    retentionMs: taskTimeoutMs(
      'the retention clean-up interval',
      RETENTION_INTERVAL_MS,
      5 * 60_000,
    ),
    throughputProbeMs: settings.throughputProbe.enabled
      ? taskTimeoutMs(
          'homelab.ollama.throughputProbe.interval',
          settings.throughputProbe.intervalMs,
          5 * 60_000,
        )
      : undefined,
  };
}

/**
 * How long the sampler waits for each of its two reads of Ollama in a row (the
 * pod is read alongside): both together stay under the sampler task's timeout.
 */
export function samplerRequestTimeoutMs(samplerTimeoutMs: number) {
  return Math.min(
    DEFAULT_REQUEST_TIMEOUT_MS,
    Math.floor(samplerTimeoutMs * 0.4),
  );
}

/**
 * The sampler, the retention clean-up and the opt-in throughput probe, each
 * scheduled once for the whole deployment (global scope): however many backend
 * instances or viewers there are, Ollama is read once per interval. Each
 * timeout is below its task's interval: the scheduler holds a global task's
 * lock until the run ends or times out, so a replica killed mid-run hands the
 * task to another within one interval plus that timeout.
 */
export async function scheduleOllamaTasks(options: {
  scheduler: SchedulerService;
  settings: HomelabBackendConfig['ollama'];
  sampler: OllamaSampler;
  store: OllamaSampleStore;
  ollama: OllamaReader;
  logger: LoggerService;
}) {
  const { scheduler, settings, sampler, store, ollama, logger } = options;
  const timeouts = ollamaTaskTimeouts(settings);
  await scheduler.scheduleTask({
    id: TASK_IDS.sampler,
    scope: 'global',
    frequency: { milliseconds: settings.sampleIntervalMs },
    timeout: { milliseconds: timeouts.samplerMs },
    fn: async () => {
      await sampler.tick();
    },
  });
  await scheduler.scheduleTask({
    id: TASK_IDS.retention,
    scope: 'global',
    frequency: { milliseconds: RETENTION_INTERVAL_MS },
    timeout: { milliseconds: timeouts.retentionMs },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const removed = await store.prune(Date.now() - settings.retentionMs);
      if (removed)
        logger.debug(`Pruned ${removed} Ollama samples past retention`);
    },
  });

  const probe = settings.throughputProbe;
  if (!probe.enabled) return;
  await scheduler.scheduleTask({
    id: TASK_IDS.throughputProbe,
    scope: 'global',
    frequency: { milliseconds: probe.intervalMs },
    timeout: { milliseconds: timeouts.throughputProbeMs! },
    fn: async () => {
      const model =
        probe.model ?? settings.textModel ?? (await sampler.pairNames()).text;
      if (!model) {
        logger.warn(
          'homelab.ollama.throughputProbe is enabled but names no model; set homelab.ollama.throughputProbe.model or homelab.ollama.textModel, or add an ai-model entity with the text capability',
        );
        return;
      }
      await runThroughputProbe({ ollama, store, logger, model });
    },
  });
}
