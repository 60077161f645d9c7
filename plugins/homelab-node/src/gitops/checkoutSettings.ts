import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { portalDataDir } from '../dataDir';
import { readRepositoryRoot } from '../repositoryRoot';

/** `homelab.gitops.checkout`, with its defaults. */
export interface GitopsCheckoutSettings {
  /** How often the checkout fetches the remote. Default: every 2 minutes. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /**
   * Development: the working tree's files win, and the checkout adds only the files the
   * working tree does not have (what was merged into the embedded remote), so an edit in
   * the working tree shows without a commit and no entity is claimed by two locations.
   */
  workingTreeFirst: boolean;
  /** The working tree (`homelab.repositoryRoot`, else the workspace root above cwd). */
  repositoryRoot: string;
  /** The portal's data folder: `HOMELAB_DATA_DIR`, else `<repository>/data`. */
  dataDir: string;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 2 },
  timeout: { minutes: 2 },
  initialDelay: { seconds: 0 },
};

export function readGitopsCheckoutSettings(
  config: Config,
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): GitopsCheckoutSettings {
  const checkout = config.getOptionalConfig('homelab.gitops.checkout');
  const scheduleConfig = checkout?.getOptionalConfig('schedule');
  let schedule = DEFAULT_SCHEDULE;
  if (scheduleConfig) {
    try {
      schedule =
        readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
    } catch (error) {
      throw new InputError(
        `homelab.gitops.checkout.schedule: ${error}; write e.g. { frequency: { minutes: 2 }, timeout: { minutes: 2 } }`,
      );
    }
  }
  return {
    schedule,
    workingTreeFirst: checkout?.getOptionalBoolean('workingTreeFirst') ?? false,
    repositoryRoot: readRepositoryRoot(config, cwd),
    dataDir: portalDataDir(cwd, env),
  };
}
