import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogLocationsExtensionPoint,
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { readDiscoverySettings } from './config';
import { CutoverAnnotationProcessor } from './cutover/CutoverAnnotationProcessor';
import { setUpGitopsCheckout } from './gitops/setUpGitopsCheckout';
import { NamespaceDirectory } from './namespaces/NamespaceDirectory';
import {
  NAMESPACE_RELATIONS_SCHEDULE,
  NAMESPACE_RELATIONS_TASK,
  NamespaceRelationRefresher,
} from './namespaces/NamespaceRelationRefresher';
import { HomelabEntityProcessor } from './processor/HomelabEntityProcessor';
import { HomelabEntityProvider } from './provider/HomelabEntityProvider';

/** Validates and relates the homelab Resources and discovers nodes, namespaces and models. */
export const catalogModuleHomelab = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'homelab',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        reader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({
        processing,
        locations,
        config,
        logger,
        scheduler,
        lifecycle,
        auth,
        reader,
        catalog,
      }) {
        // The scaffolder's local publisher registers catalog-info.yaml files of its working
        // copies; file registration through the API is opt-in (development config only).
        if (config.getOptionalBoolean('homelab.catalog.allowFileLocations')) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
        // `homelab-gitops` locations: the GitOps repository through the portal's checkout.
        setUpGitopsCheckout({
          config,
          processing,
          scheduler,
          lifecycle,
          logger,
        });
        const namespaces = new NamespaceDirectory({
          catalog,
          auth,
          logger,
          discoversNamespaces:
            config.getOptionalString('homelab.cluster') !== undefined,
        });
        processing.addProcessor(new HomelabEntityProcessor({ namespaces }));
        // The Cutover tab's filter reads the entity only: the catalog says which plans have one.
        processing.addProcessor(
          CutoverAnnotationProcessor.fromConfig(config, { reader, logger }),
        );
        // Each replica reads the declared namespaces itself (scope local), so the ones
        // processing components see a change soon after the catalog holds it.
        const refresher = new NamespaceRelationRefresher(namespaces, logger);
        processing.addEntityProvider(refresher);
        const provider = HomelabEntityProvider.fromConfig(config, {
          logger,
          catalog,
          auth,
        });
        lifecycle.addStartupHook(() =>
          scheduler.scheduleTask({
            id: NAMESPACE_RELATIONS_TASK,
            scope: 'local',
            ...NAMESPACE_RELATIONS_SCHEDULE,
            fn: async () => {
              // A namespace declared since discovery's pass also drops its discovered twin.
              if ((await refresher.refresh()).length)
                await provider?.dropReplacedByDeclared();
            },
          }),
        );
        if (!provider) return;
        processing.addEntityProvider(provider);
        const { schedule } = readDiscoverySettings(config);
        // The provider asks the catalog API which entities are declared, so it
        // starts once the backend (and with it that API) is up.
        lifecycle.addStartupHook(() =>
          scheduler.scheduleTask({
            id: 'homelab-discovery:refresh',
            ...schedule,
            fn: () => provider.refresh(),
          }),
        );
      },
    });
  },
});
