import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

export interface DiscoverySettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  owner: string;
  system: string;
  modelServer: string;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 60 },
  timeout: { seconds: 50 },
};

/** `homelab.discovery`, every key optional. */
export function readDiscoverySettings(config: Config): DiscoverySettings {
  const discovery = config.getOptionalConfig('homelab.discovery');
  const schedule = discovery?.getOptionalConfig('schedule');
  return {
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
    owner:
      discovery?.getOptionalString('owner') ?? 'group:default/homelab-admins',
    system: discovery?.getOptionalString('system') ?? 'homelab',
    modelServer:
      discovery?.getOptionalString('modelServer') ?? 'component:default/ollama',
  };
}
