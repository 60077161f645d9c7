import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { HomelabPermissionPolicy } from './HomelabPermissionPolicy';
import { readPermissionSettings } from './settings';

/**
 * Installs the policy `homelab.permissions.policy` names: `homelab` (the default, and
 * what app-config.production.yaml sets) or `allow-all` (the development config, with guest).
 */
export const permissionModuleHomelabPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'homelab-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const settings = readPermissionSettings(config);
        if (settings.policy === 'allow-all') {
          logger.warn(
            'homelab.permissions.policy is allow-all: every signed-in user may do everything',
          );
          policy.setPolicy({
            handle: async () => ({ result: AuthorizeResult.ALLOW }),
          });
          return;
        }
        logger.info(
          `homelab permission policy: members of ${settings.adminGroup} administer, everyone else reads`,
        );
        policy.setPolicy(
          new HomelabPermissionPolicy({
            adminGroup: settings.adminGroup,
            userInfo,
          }),
        );
      },
    });
  },
});
