/** A live check declared in a phase plan: `<!-- check: <kind> key=value ... -->`. */
export type CutoverCheck =
  | PodsCheck
  | WorkloadCheck
  | NamedObjectCheck
  | OllamaModelCheck
  | HttpServiceCheck
  | HttpUrlCheck;

interface CheckBase {
  /**
   * The declaration in canonical form (kind, then fields sorted by name): two
   * items declaring the same check share one result.
   */
  key: string;
  /** 1-based line of the declaration in the plan file. */
  line: number;
}

/** Every pod matching the selector is Running and Ready, and at least `min` exist. */
export interface PodsCheck extends CheckBase {
  kind: 'pods';
  namespace: string;
  /** A Kubernetes label selector, e.g. `app.kubernetes.io/name=karakeep`. */
  selector: string;
  min: number;
}

/** All desired replicas available. */
export interface WorkloadCheck extends CheckBase {
  kind: 'deployment' | 'statefulset';
  namespace: string;
  name: string;
}

/**
 * `pvc`: Bound. `httproute`: every parent Accepted and ResolvedRefs True.
 * `service`: at least one ready endpoint in its EndpointSlices.
 */
export interface NamedObjectCheck extends CheckBase {
  kind: 'pvc' | 'httproute' | 'service';
  namespace: string;
  name: string;
}

/** The model tag is listed by Ollama's /api/tags. */
export interface OllamaModelCheck extends CheckBase {
  kind: 'ollama-model';
  model: string;
}

/** Status codes an HTTP check accepts: exact codes and classes such as `2xx`. */
export interface ExpectedStatus {
  codes: number[];
  /** Leading digits of accepted classes: `2xx` is 2. */
  classes: number[];
  /** As written, for evidence: `200`, `2xx,301`. */
  text: string;
}

/** GET through the API server's service proxy. */
export interface HttpServiceCheck extends CheckBase {
  kind: 'http';
  via: 'service';
  namespace: string;
  service: string;
  /** Port number or port name of the Service. */
  port: string;
  /** Path and optional query, starting with `/`. */
  path: string;
  status: ExpectedStatus;
}

/** GET straight to a URL whose host is listed in `homelab.cutover.allowedHosts`. */
export interface HttpUrlCheck extends CheckBase {
  kind: 'http';
  via: 'url';
  url: string;
  status: ExpectedStatus;
}

export type CutoverCheckKind = CutoverCheck['kind'];

/** A task-list item of the cutover section. */
export interface CutoverItem {
  /** 1-based line of the item's marker. */
  line: number;
  /** The item's visible text (declarations are HTML comments, so not part of it). */
  text: string;
  checked: boolean;
  /** Empty for a plain checkbox. */
  checks: CutoverCheck[];
}

export interface CutoverProblem {
  line: number;
  /** `error`: the declaration is not used. `warning`: it is read but will not run. */
  severity: 'error' | 'warning';
  /** What is wrong and how to fix it. */
  message: string;
}

export interface CutoverSection {
  /** Heading text as written, e.g. `4.24.5 Cutover`. */
  title: string;
  line: number;
  /** How the section was found. */
  foundBy: 'heading' | 'front matter';
}

export interface CutoverPlan {
  /** Undefined when the plan has no cutover section. */
  section?: CutoverSection;
  items: CutoverItem[];
  problems: CutoverProblem[];
}
