import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GitopsCheckout,
  GitopsCredentialsProvider,
  portalGitIdentity,
} from '@internal/plugin-homelab-node';
import type { HomelabBackendConfig } from '../config';
import { createGitopsRouter } from './gitopsRouter';
import { GitopsMergeService } from './GitopsMergeService';
import { homelabPermissions } from './permissions';

/**
 * Registers homelab.gitops.merge and returns the router of the scaffold-branch routes. A
 * merge refreshes the portal's checkout (when the catalog keeps one), so the catalog and
 * the Migration page show the merged state at once.
 */
export function setUpGitopsMerge(deps: {
  config: RootConfigService;
  settings: HomelabBackendConfig;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  userInfo: UserInfoService;
  catalog: CatalogService;
  logger: LoggerService;
}) {
  const { config, settings } = deps;
  deps.permissionsRegistry.addPermissions(homelabPermissions);
  const { gitops } = settings;
  const checkout = settings.gitopsCheckoutEnabled
    ? new GitopsCheckout({
        remote: gitops.remote,
        baseBranch: gitops.baseBranch,
        checkoutDir: gitops.checkoutDir,
        credentials: GitopsCredentialsProvider.fromConfig(
          config,
          gitops.remote,
        ),
      })
    : undefined;
  const merges = new GitopsMergeService({
    gitops,
    permissions: deps.permissions,
    userInfo: deps.userInfo,
    catalog: deps.catalog,
    logger: deps.logger,
    committer: portalGitIdentity(config),
    refresh: async () => {
      if (checkout?.isCloned()) await checkout.fetch();
    },
  });
  return createGitopsRouter({
    httpAuth: deps.httpAuth,
    auditor: deps.auditor,
    merges,
  });
}
