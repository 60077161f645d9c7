import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AnonymousStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import {
  kubernetesAuthStrategyExtensionPoint,
  kubernetesClusterSupplierExtensionPoint,
} from '@backstage/plugin-kubernetes-node';
import {
  readPodApiServer,
  readServiceAccountDir,
} from '@internal/plugin-homelab-node';
import { PodClusterSupplier } from './PodClusterSupplier';
import { ServiceAccountFileStrategy } from './ServiceAccountFileStrategy';

/**
 * Registers `authProvider: homelabServiceAccount` for kubernetes.clusterLocatorMethods[].clusters[],
 * and in a pod points those clusters at the pod's API server and CA.
 */
export const kubernetesModuleHomelab = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'homelab',
  register(env) {
    env.registerInit({
      deps: {
        authStrategies: kubernetesAuthStrategyExtensionPoint,
        clusterSuppliers: kubernetesClusterSupplierExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ authStrategies, clusterSuppliers, config, logger }) {
        // Strategies added here replace the kubernetes backend's default map as a whole,
        // so the stock ones a homelab config uses are registered again under their names.
        authStrategies.addAuthStrategy(
          'serviceAccount',
          new ServiceAccountStrategy(),
        );
        authStrategies.addAuthStrategy(
          'localKubectlProxy',
          new AnonymousStrategy(),
        );
        authStrategies.addAuthStrategy(
          'homelabServiceAccount',
          new ServiceAccountFileStrategy(readServiceAccountDir(config)),
        );
        // No token written in the entry: that is what homelabServiceAccount entries are.
        const pod = readPodApiServer(config, false);
        PodClusterSupplier.announce(pod, logger);
        clusterSuppliers.addClusterSupplier(
          async ({ getDefault }) =>
            new PodClusterSupplier(await getDefault(), pod),
        );
      },
    });
  },
});
