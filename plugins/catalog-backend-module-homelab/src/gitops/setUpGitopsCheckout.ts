import type {
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  GitopsCheckout,
  GitopsCredentialsProvider,
  readGitopsCheckoutSettings,
  readGitopsConfig,
} from '@internal/plugin-homelab-node';
import {
  GITOPS_LOCATION_TYPE,
  GitopsCheckoutProcessor,
} from './GitopsCheckoutProcessor';
import { GitopsCheckoutRefresher } from './GitopsCheckoutRefresher';

export const CHECKOUT_FETCH_TASK = 'homelab-gitops:fetch';

/**
 * When `catalog.locations` has a `homelab-gitops` location: reads it through the portal's
 * checkout, clones the checkout at start and fetches it on `homelab.gitops.checkout.schedule`.
 * The task's scope is local: the checkout lives in each replica's own data folder
 * (scratch, per pod), so every replica fetches its own; a global task would leave all but
 * one replica's checkout behind. Returns the checkout, or undefined when not configured.
 */
export function setUpGitopsCheckout(options: {
  config: RootConfigService;
  processing: CatalogProcessingExtensionPoint;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  logger: LoggerService;
}): GitopsCheckout | undefined {
  const { config, processing, scheduler, lifecycle, logger } = options;
  const configured = (
    config.getOptionalConfigArray('catalog.locations') ?? []
  ).some(l => l.getOptionalString('type') === GITOPS_LOCATION_TYPE);
  if (!configured) return undefined;

  const settings = readGitopsCheckoutSettings(config);
  const gitops = readGitopsConfig(config, settings.dataDir, {
    repositoryRoot: settings.repositoryRoot,
  });
  const checkout = new GitopsCheckout({
    remote: gitops.remote,
    baseBranch: gitops.baseBranch,
    checkoutDir: gitops.checkoutDir,
    credentials: GitopsCredentialsProvider.fromConfig(config, gitops.remote),
  });
  processing.addProcessor(
    new GitopsCheckoutProcessor({
      checkout,
      layout: gitops.layout,
      workingTree: settings.workingTreeFirst
        ? settings.repositoryRoot
        : undefined,
      logger,
    }),
  );
  const refresher = new GitopsCheckoutRefresher(checkout);
  processing.addEntityProvider(refresher);
  checkout.onChange(() => refresher.changed());
  lifecycle.addStartupHook(() =>
    scheduler.scheduleTask({
      id: CHECKOUT_FETCH_TASK,
      scope: 'local',
      ...settings.schedule,
      fn: async () => {
        try {
          await checkout.fetch();
        } catch (error) {
          logger.warn(
            `GitOps checkout: fetch failed, the catalog keeps reading the last fetched commit: ${
              error instanceof Error ? error.message : String(error)
            }`,
          );
        }
      },
    }),
  );
  return checkout;
}
