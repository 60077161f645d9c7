import { HumanDuration } from '@backstage/types';

export interface Config {
  homelab?: {
    /**
     * Name of the entry of kubernetes.clusterLocatorMethods[].clusters[] (type: config) that is
     * the homelab cluster. Its url, serviceAccountToken, caData and skipTLSVerify are used.
     * @visibility backend
     */
    cluster?: string;
    /** Limits of every call to the cluster's API server (the sampler's, the entity provider's). */
    clusterRequests?: {
      /**
       * A call (connect, headers and body) is aborted after this, e.g. `10s`. Default: 10 seconds.
       * @visibility backend
       */
      timeout?: HumanDuration | string;
      /**
       * Bytes of one answer read before the call fails. Default: 8388608 (8 MiB).
       * @visibility backend
       */
      maxBytes?: number;
    };
    ollama?: {
      /**
       * URL of the Ollama API.
       * @visibility backend
       */
      baseUrl: string;
      /**
       * Kubernetes namespace of the Ollama pods; defaults to ai.
       * @visibility backend
       */
      namespace?: string;
      /**
       * Label selector of the Ollama pods; defaults to app.kubernetes.io/name=ollama.
       * @visibility backend
       */
      labelSelector?: string;
      /**
       * A call to Ollama (connect, headers and body) is aborted after this, e.g. `10s`.
       * Default: 10 seconds.
       * @visibility backend
       */
      timeout?: HumanDuration | string;
      /**
       * Bytes of one answer of Ollama read before the call fails. Default: 8388608 (8 MiB).
       * @visibility backend
       */
      maxBytes?: number;
    };
  };
}
