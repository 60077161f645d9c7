import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { HomelabSim } from '@internal/homelab-sim';

/** `homelab.*` and the kubernetes cluster entry pointing at a running stand-in. */
export function simConfigData(
  sim: HomelabSim,
  homelab: JsonObject = {},
): JsonObject {
  return {
    homelab: {
      cluster: 'homelab',
      ...homelab,
      ollama: {
        baseUrl: sim.ollamaUrl,
        namespace: 'ai',
        labelSelector: 'app.kubernetes.io/name=ollama',
        ...(homelab.ollama as JsonObject | undefined),
      },
    },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'homelab',
              url: sim.kubeUrl,
              authProvider: 'serviceAccount',
              serviceAccountToken: sim.token,
              caData: Buffer.from(sim.kubeCaPem).toString('base64'),
            },
          ],
        },
      ],
    },
  };
}

export const simConfig = (sim: HomelabSim, homelab?: JsonObject) =>
  new ConfigReader(simConfigData(sim, homelab));
