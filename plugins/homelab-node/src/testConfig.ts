import { ConfigReader } from '@backstage/config';

/** Portal configuration pointing at a running stand-in (test helper, not exported). */
export function simConfig(
  sim: { kubeUrl: string; ollamaUrl: string; token: string; kubeCaPem: string },
  cluster: Record<string, unknown> = {},
) {
  return new ConfigReader({
    homelab: {
      cluster: 'homelab',
      ollama: {
        baseUrl: sim.ollamaUrl,
        namespace: 'ai',
        labelSelector: 'app.kubernetes.io/name=ollama',
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
              ...cluster,
            },
          ],
        },
      ],
    },
  });
}
