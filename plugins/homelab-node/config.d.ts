export interface Config {
  homelab?: {
    /**
     * Name of the entry of kubernetes.clusterLocatorMethods[].clusters[] (type: config) that is
     * the homelab cluster. Its url, serviceAccountToken, caData and skipTLSVerify are used.
     * @visibility backend
     */
    cluster?: string;
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
    };
  };
}
