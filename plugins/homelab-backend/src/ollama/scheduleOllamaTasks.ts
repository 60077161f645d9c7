import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { HomelabBackendConfig } from '../config';
import type { OllamaSampler } from './OllamaSampler';
import type { OllamaSampleStore } from './OllamaSampleStore';
import type { OllamaReader } from './sources';
import { runThroughputProbe } from './ThroughputProbe';

/** Task ids, for triggering them by hand (tests, the bench). */
export const TASK_IDS = {
  sampler: 'homelab-ollama-sampler',
  retention: 'homelab-ollama-retention',
  throughputProbe: 'homelab-ollama-throughput-probe',
} as const;

/**
 * The sampler, the retention clean-up and the opt-in throughput probe, each
 * scheduled once for the whole deployment (global scope): however many backend
 * instances or viewers there are, Ollama is read once per interval.
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
  await scheduler.scheduleTask({
    id: TASK_IDS.sampler,
    scope: 'global',
    frequency: { milliseconds: settings.sampleIntervalMs },
    timeout: { minutes: 1 },
    fn: async () => {
      await sampler.tick();
    },
  });
  await scheduler.scheduleTask({
    id: TASK_IDS.retention,
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 5 },
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
    timeout: { minutes: 5 },
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
