import type { Config } from '@backstage/config';
import {
  fetchWithForgeCredentials,
  GitopsCredentialsProvider,
} from '@internal/plugin-homelab-node';
import type { HomelabBackendConfig } from '../config';
import { CheckoutPlans } from './proposedPlans';
import { PullRequestLookup } from './proposedPullRequests';

/**
 * The plans of the GitOps checkout, as `homelab.gitops` describes it; undefined when the
 * portal keeps no checkout (no homelab-gitops location in catalog.locations).
 */
export function checkoutPlans(
  config: Config,
  settings: HomelabBackendConfig,
): CheckoutPlans | undefined {
  if (!settings.gitopsCheckoutEnabled) return undefined;
  const { gitops } = settings;
  return new CheckoutPlans({
    checkoutDir: gitops.checkoutDir,
    baseBranch: gitops.baseBranch,
    phasePlans: gitops.layout.phasePlans,
    workingTreeFirst: settings.gitopsWorkingTreeFirst,
    limits: settings.phases,
    pullRequests: new PullRequestLookup({
      settings: gitops.pullRequests,
      baseBranch: gitops.baseBranch,
      // credentials per request: a GitHub App's installation token expires after an hour
      fetch: fetchWithForgeCredentials(
        globalThis.fetch,
        GitopsCredentialsProvider.fromConfig(config, gitops.remote),
        gitops.pullRequests.provider,
        gitops.pullRequests.apiBaseUrl,
      ),
    }),
  });
}
