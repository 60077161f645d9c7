/** The Ollama tag (for example `qwen3:1.7b`) that an `ai-model` entity stands for. */
export const ANNOTATION_OLLAMA_MODEL = 'homelab.dev/ollama-model';
/** Repository-relative path or URL of the markdown phase plan of an entity. */
export const ANNOTATION_PHASE_PLAN = 'homelab.dev/phase-plan';
/** Comma-separated list of `<entity-ref>#<page path>` runbook pages. */
export const ANNOTATION_RUNBOOKS = 'homelab.dev/runbooks';
/** One `<entity-ref>#<page path>` entry: the runbook followed at cutover. */
export const ANNOTATION_CUTOVER_RUNBOOK = 'homelab.dev/cutover-runbook';
/** Set by the homelab entity provider on entities it discovered in the cluster. */
export const ANNOTATION_DISCOVERED = 'homelab.dev/discovered';
/** On Kubernetes objects: `"<rule>[,<rule>]: <reason>"`. */
export const ANNOTATION_LINT_IGNORE = 'homelab.dev/lint-ignore';
/**
 * Set by the catalog on an entity read from an open `scaffold/*` branch of the GitOps
 * repository (not yet merged): the branch's name. Such entities also carry the tag `proposed`.
 */
export const ANNOTATION_PROPOSED_BRANCH = 'homelab.dev/proposed-branch';
/**
 * Set by the catalog (`"true"`) on an entity whose phase plan has a cutover section, so the
 * frontend can show the Cutover tab without reading the plan; any value the entity sets
 * itself is replaced.
 */
export const ANNOTATION_CUTOVER = 'homelab.dev/cutover';
