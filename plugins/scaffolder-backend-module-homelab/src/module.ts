import { join } from 'node:path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  findRepositoryRoot,
  GitopsCheckout,
  GitopsCredentialsProvider,
  readGitopsConfig,
} from '@internal/plugin-homelab-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createComposeImportAction } from './actions/composeImport';
import { createComposeImportStackAction } from './actions/composeImportStack';
import { createLintManifestsAction } from './actions/lint';
import { withMessageOnlyErrors } from './actions/messageOnlyErrors';
import { createPublishGitopsAction } from './actions/publishGitops';
import { createRenderManifestsAction } from './actions/render';
import { readHomelabScaffolderConfig } from './config';

/** Adds the homelab:* actions to the scaffolder. */
export const scaffolderModuleHomelab = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'homelab',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, logger, catalog }) {
        const settings = readHomelabScaffolderConfig(config);
        const gitops = readGitopsConfig(config, settings.dataDir);
        // asked at each use: a GitHub App's installation token expires after an hour
        const credentials = GitopsCredentialsProvider.fromConfig(
          config,
          gitops.remote,
        );
        // the checkout the catalog keeps, built from the settings read above
        const checkout = new GitopsCheckout({
          remote: gitops.remote,
          baseBranch: gitops.baseBranch,
          checkoutDir: gitops.checkoutDir,
          credentials,
        });
        const actions = [
          createRenderManifestsAction({
            catalog,
            baseDomain: settings.baseDomain,
            gatewayDataPlane: settings.gatewayDataPlane,
            portalAccount: settings.portalAccount,
            manifestsDir: join(findRepositoryRoot(process.cwd()), 'manifests'),
          }),
          createLintManifestsAction(),
          createComposeImportAction(),
          createComposeImportStackAction({
            portalAccount: settings.portalAccount,
          }),
          createPublishGitopsAction({
            gitops,
            credentials,
            catalog,
            committer: settings.author,
            // only a checkout the catalog already keeps; never a clone of its own
            afterPush: async () => {
              if (checkout.isCloned()) await checkout.fetch();
            },
          }),
        ];
        scaffolder.addActions(
          ...actions.map(action => withMessageOnlyErrors(action, logger)),
        );
      },
    });
  },
});
