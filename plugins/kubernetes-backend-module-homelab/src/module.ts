import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AnonymousStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import { kubernetesAuthStrategyExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { readServiceAccountDir } from '@internal/plugin-homelab-node';
import { ServiceAccountFileStrategy } from './ServiceAccountFileStrategy';

/** Registers `authProvider: homelabServiceAccount` for kubernetes.clusterLocatorMethods[].clusters[]. */
export const kubernetesModuleHomelab = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'homelab',
  register(env) {
    env.registerInit({
      deps: {
        authStrategies: kubernetesAuthStrategyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ authStrategies, config }) {
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
      },
    });
  },
});
