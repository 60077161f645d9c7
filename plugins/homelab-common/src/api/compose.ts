/** One service of a pasted compose file, as POST /api/homelab/compose/draft lists it. */
export interface ComposeServiceSummary {
  name: string;
  /** The compose `image:`, when the service has one (a `build:`-only service has none). */
  image?: string;
}

/** What the importer drafted from one compose service, for review before scaffolding. */
export interface ComposeDraft {
  service: string;
  /** The draft service spec as commented YAML (warnings and unmapped keys on top). */
  yaml: string;
  /** Variables that move to the Secret; names only, their values are never returned. */
  secretKeys: string[];
  /** Compose keys the importer could not carry over, with the reason. */
  unmapped: { key: string; reason: string }[];
  /** Things to check by hand, e.g. a floating image tag or a host folder to copy. */
  warnings: string[];
}

/**
 * Answer of POST /api/homelab/compose/draft. `draft` is set when `service` names one of
 * `services`; `stack` when the request asked for `all`.
 */
export interface ComposeDraftResponse {
  services: ComposeServiceSummary[];
  draft?: ComposeDraft;
  stack?: ComposeStackPreview;
}

/** Body of POST /api/homelab/compose/draft. */
export interface ComposeDraftRequest {
  composeYaml: string;
  /** One service to draft; ignored with `all`. */
  service?: string;
  /** Every service of the file into one namespace: the answer has `stack`. */
  all?: boolean;
  /** The stack's namespace; default the compose project `name:`. */
  namespace?: string;
  /** The pasted .env beside the compose file: variables for `${VAR}`. */
  envFile?: string;
  /** Pasted env_file contents by the relative path the compose file gives them. */
  envFiles?: Record<string, string>;
}

/** How a compose service runs on the cluster in a stack import. */
export type ComposeStackRole = 'deployment' | 'job' | 'init' | 'sidecar';

/** One service of a stack preview: what renders, what was not carried over and why. */
export interface ComposeStackServicePreview {
  /** The compose service name. */
  service: string;
  /** Its Kubernetes name (a DNS label), the folder it renders into. */
  name: string;
  role: ComposeStackRole;
  /** For init containers and sidecars: the services whose pods run it. */
  runsIn?: string[];
  podSecurity: string;
  /** Set when the service needs a person's decision and is not rendered yet. */
  decision?: { reason: string; fix: string };
  /** Variables that move to a Secret; names only. */
  secretKeys: string[];
  unmapped: { key: string; reason: string }[];
  /** Check notes, among them each value substituted from the .env. */
  warnings: string[];
}

/** What `all: true` previews: the whole stack the compose-migration template publishes. */
export interface ComposeStackPreview {
  namespace: string;
  /** The namespace's Pod Security level: the highest any rendered service needs. */
  podSecurity: string;
  services: ComposeStackServicePreview[];
  /** Services left out because their profiles are not active, with those profiles. */
  inactive: Record<string, string[]>;
  /** Check notes that concern the whole file (.env problems, unset variables). */
  warnings: string[];
  /** Paths of the rendered files (`<namespace>/...`). */
  files: string[];
  /** The stack's phase plan (markdown). */
  phasePlan: string;
}
