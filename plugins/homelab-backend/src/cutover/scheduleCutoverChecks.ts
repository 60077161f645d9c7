import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { CutoverConfig } from './config';
import { CutoverRunner } from './CutoverRunner';
import type { PlanCutover } from './runnerTypes';
import type {
  CutoverClusterReader,
  OllamaTagsReader,
  CutoverReaders,
} from './types';
import { createUrlProber } from './urlProber';

export const CUTOVER_TASK_ID = 'homelab-cutover-checks';

const NO_CLUSTER =
  'homelab.cluster is not set, so no check can read the cluster; set it to the name of a cluster under kubernetes.clusterLocatorMethods[].clusters[]';

/** Answers every read with why it cannot be made: the checks show unknown. */
function unconfiguredCluster(): CutoverClusterReader {
  const refuse = async (): Promise<never> => {
    throw new ServiceUnavailableError(NO_CLUSTER);
  };
  return {
    listPods: refuse,
    getDeployment: refuse,
    getStatefulSet: refuse,
    getPersistentVolumeClaim: refuse,
    getHttpRoute: refuse,
    getService: refuse,
    listEndpointSlices: refuse,
    proxyGet: refuse,
  };
}

/**
 * Builds the one cutover runner of this backend and schedules its tick every
 * `homelab.cutover.interval` (local scope: the results live in this
 * instance's memory). The cluster client and the Ollama client keep to their
 * configured timeout and byte cap; direct URL checks only reach
 * `homelab.cutover.allowedHosts`, under `homelab.cutover.timeout`/`maxBytes`.
 */
export async function scheduleCutoverChecks(options: {
  scheduler: SchedulerService;
  settings: CutoverConfig;
  cluster?: CutoverClusterReader;
  ollama: OllamaTagsReader;
  plans: () => Promise<PlanCutover[]>;
  logger: LoggerService;
}): Promise<CutoverRunner> {
  const { scheduler, settings, logger } = options;
  const readers: CutoverReaders = {
    cluster: options.cluster ?? unconfiguredCluster(),
    ollama: options.ollama,
    probeUrl: settings.allowedHosts.length
      ? createUrlProber({
          allowedHosts: settings.allowedHosts,
          limits: settings.limits,
        })
      : undefined,
  };
  const runner = new CutoverRunner({
    readers,
    plans: options.plans,
    intervalMs: settings.intervalMs,
    minGapMs: settings.minGapMs,
    logger,
    unavailable: options.cluster ? undefined : NO_CLUSTER,
  });
  await scheduler.scheduleTask({
    id: CUTOVER_TASK_ID,
    scope: 'local',
    frequency: { milliseconds: settings.intervalMs },
    timeout: { milliseconds: settings.timeoutMs },
    fn: () => runner.tick(),
  });
  return runner;
}
