// The same shapes as @backstage/types' JsonObject, without depending on Backstage.
type JsonValue = JsonObject | JsonValue[] | string | number | boolean | null;
type JsonObject = { [key: string]: JsonValue | undefined };

/** What a running stand-in exposes that the portal's configuration needs. */
export interface SimEndpoints {
  kubeUrl: string;
  ollamaUrl: string;
  token: string;
  kubeCaPem: string;
}

/**
 * The portal configuration (`homelab.*` and the Kubernetes plugin's cluster entry) pointing at
 * a running stand-in, as app-config.yaml points at it in development; for tests of the plugins.
 * `homelab` is merged into the homelab block (its `ollama` key into the Ollama entry), `cluster`
 * into the cluster entry.
 */
export function portalConfigData(
  sim: SimEndpoints,
  homelab: JsonObject = {},
  cluster: JsonObject = {},
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
              ...cluster,
            },
          ],
        },
      ],
    },
  };
}
