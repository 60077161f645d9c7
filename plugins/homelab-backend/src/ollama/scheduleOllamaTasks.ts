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
/** Each replica ticks the sampler this many times a slot (but at least every MAX_SAMPLER_TICK_MS). */
const SAMPLER_TICKS_PER_SLOT = 5;
const MAX_SAMPLER_TICK_MS = 5_000;

/**
 * How often each replica ticks the sampler: a fifth of the interval, at most
 * 5 s. A slot is claimed by the first tick in it, so after a replica dies the
 * next slot is sampled at most this long after it starts; that is well under
 * the sampler's timeout (80% of the interval), which keeps the hand-over within
 * one interval plus that timeout.
 */
export function samplerTickMs(sampleIntervalMs: number) {
  return Math.min(
    MAX_SAMPLER_TICK_MS,
    Math.floor(sampleIntervalMs / SAMPLER_TICKS_PER_SLOT),
  );
}

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
 * The sampler, the retention clean-up and the opt-in throughput probe. However
 * many replicas or viewers there are, Ollama is read once per interval.
 *
 * The sampler is a local task on every replica, ticking several times a slot;
 * each tick claims the current slot in the plugin's database before reading
 * Ollama, and only the claim's winner reads (OllamaSampler.tick). Not a global
 * task: the scheduler frees the lock of a global task whose replica was killed
 * only when its janitor next runs, once a minute (backend-defaults'
 * PluginTaskSchedulerJanitor; TaskWorker claims only a row without a ticket),
 * so sampling would stop for up to a minute plus the timeout. With the claims a
 * replica killed mid-run loses its own slot, and another samples the next one
 * within samplerTickMs of its start: within one interval plus the timeout.
 *
 * Retention and the probe stay global (once for the deployment; a minute's
 * delay after a kill does not matter to them). Each timeout is below its
 * task's interval.
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
    scope: 'local',
    frequency: { milliseconds: samplerTickMs(settings.sampleIntervalMs) },
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
