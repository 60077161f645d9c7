/** Where the GitOps repository lives (`homelab.gitops.remote`). */
export type GitopsRemote =
  | {
      kind: 'local';
      /** Absolute path of a (bare or not) repository on this host. */
      path: string;
      /**
       * Set for the embedded default: on first use the bare repository at `path` is
       * created from this working tree's current commit.
       */
      seedFrom?: string;
    }
  | {
      kind: 'url';
      /** http(s) URL of the repository, without credentials. */
      url: string;
      /** `host[:port]` of the URL: the key of the `integrations` entry that has the credentials. */
      host: string;
      /** The repository's web page (the URL without `.git`), for compare links. */
      webUrl: string;
    };

/** The layout presets of `homelab.gitops.layout.preset`. */
export const GITOPS_LAYOUT_PRESETS = ['default', 'flux', 'argocd'] as const;
export type GitopsLayoutPreset = (typeof GITOPS_LAYOUT_PRESETS)[number];

/**
 * Path templates of the repository, relative to its root, with `{namespace}` and
 * `{name}` placeholders; folders end with "/".
 */
export interface GitopsLayout {
  preset: GitopsLayoutPreset;
  /** A service's manifests, e.g. `manifests/{namespace}/{name}/`. */
  service: string;
  /**
   * A namespace's folder: its namespace.yaml and the kustomization.yaml that lists its
   * services (the parent kustomization a new service is appended to).
   */
  namespace: string;
  /**
   * Flux: the Flux Kustomization (`ks.yaml`) written beside the service's `app/` folder;
   * the namespace's kustomization.yaml lists it instead of the service folder.
   */
  fluxKustomization?: string;
  /** Phase plans, e.g. `docs/phases/`. */
  phasePlans: string;
  /** Runbooks, e.g. `docs/runbooks/`. */
  runbooks: string;
}

export const PULL_REQUEST_PROVIDERS = [
  'gitea',
  'forgejo',
  'github',
  'none',
] as const;
export type PullRequestProvider = (typeof PULL_REQUEST_PROVIDERS)[number];

/** `homelab.gitops.pullRequests`. */
export interface GitopsPullRequests {
  provider: PullRequestProvider;
  /** REST API base, e.g. `https://git.home.arpa/api/v1`; without a trailing slash. */
  apiBaseUrl?: string;
  owner?: string;
  repo?: string;
}

/** `homelab.gitops`, with its defaults applied. */
export interface GitopsConfig {
  remote: GitopsRemote;
  baseBranch: string;
  layout: GitopsLayout;
  /** The portal's clone of the base branch, which the catalog reads. */
  checkoutDir: string;
  /** Where the publish action keeps its clone for branching and pushing. */
  cacheDir: string;
  pullRequests: GitopsPullRequests;
}
