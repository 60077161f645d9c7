import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
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
        authStrategies.addAuthStrategy(
          'homelabServiceAccount',
          new ServiceAccountFileStrategy(readServiceAccountDir(config)),
        );
      },
    });
  },
});
