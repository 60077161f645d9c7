import { HumanDuration } from '@backstage/types';

export interface Config {
  homelab?: {
    /**
     * The GitOps repository the scaffolder opens branches and pull requests in, and the
     * portal's checkout of it. Without it: a bare repository `<data>/gitops/remote.git`,
     * created on first use from the working tree's current commit.
     */
    gitops?: {
      /**
       * The repository's http(s) clone URL (credentials come from `integrations.gitea[]`
       * or `integrations.github[]` for its host, never from the URL), or a local path.
       * @visibility backend
       */
      remote?: string;
      /** Branch the scaffold branches start from and pull requests target. Default: main. */
      baseBranch?: string;
      /**
       * The portal's clone of the base branch, which the catalog reads.
       * Default: `<data>/gitops/checkout`.
       * @visibility backend
       */
      checkoutDir?: string;
      /** The checkout the catalog and the phase plans read. */
      checkout?: {
        /**
         * How often it fetches the remote's base branch and scaffold/* branches (each
         * replica into its own data folder). Default: { frequency: { minutes: 2 }, timeout: { minutes: 2 } }.
         */
        schedule?: {
          frequency: HumanDuration | string | { cron: string };
          timeout: HumanDuration | string;
          initialDelay?: HumanDuration | string;
        };
        /**
         * Development: the working tree's files win; the checkout adds only the catalog
         * files and phase plans the working tree does not have. Default: false.
         */
        workingTreeFirst?: boolean;
      };
      /**
       * Where files go, relative to the repository root, with `{namespace}` and `{name}`
       * placeholders (DNS labels). `preset`: default (manifests/{namespace}/{name}/),
       * flux (kubernetes/apps/{namespace}/{name}/app/ with ks.yaml), argocd
       * (argocd/manifests/{name}/); the other fields override single paths of the preset.
       */
      layout?: {
        preset?: 'default' | 'flux' | 'argocd';
        service?: string;
        namespace?: string;
        fluxKustomization?: string;
        phasePlans?: string;
        runbooks?: string;
      };
      /** Where pull requests are opened; `none` (default) gives the branch's compare URL. */
      pullRequests?: {
        provider?: 'gitea' | 'forgejo' | 'github' | 'none';
        /** REST API base; default from the remote (`<origin>/api/v1`, GitHub's API). */
        apiBaseUrl?: string;
        /** Default: from the remote URL's path. */
        owner?: string;
        repo?: string;
      };
    };
    /**
     * Name of the entry of kubernetes.clusterLocatorMethods[].clusters[] (type: config) that is
     * the homelab cluster. Its url, serviceAccountToken, caData and skipTLSVerify are used.
     * @visibility backend
     */
    cluster?: string;
    /**
     * Folder of the pod's service-account token, ca.crt and namespace. In a pod
     * (KUBERNETES_SERVICE_HOST/PORT set, `token` present) and without a serviceAccountToken in
     * the cluster entry, the homelab clients use it; the Kubernetes plugin's
     * `authProvider: homelabServiceAccount` reads its token. The token is re-read after it
     * rotates. Default: /var/run/secrets/kubernetes.io/serviceaccount.
     * @visibility backend
     */
    serviceAccountDir?: string;
    /**
     * A kubeconfig file (its current context) for the homelab clients, outside a pod; without
     * it, KUBECONFIG is used when the cluster entry has no serviceAccountToken.
     * @visibility backend
     */
    kubeconfig?: string;
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
       * A generate call (the throughput probe), which may load the model first, is aborted
       * after this. Default: 2 minutes.
       * @visibility backend
       */
      generateTimeout?: HumanDuration | string;
      /**
       * Bytes of one answer of Ollama read before the call fails. Default: 8388608 (8 MiB).
       * @visibility backend
       */
      maxBytes?: number;
    };
  };
}
