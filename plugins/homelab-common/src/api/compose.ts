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
 * Body of POST /api/homelab/compose/draft: `{ composeYaml, service? }`. `draft` is set
 * when `service` names one of `services`.
 */
export interface ComposeDraftResponse {
  services: ComposeServiceSummary[];
  draft?: ComposeDraft;
}
