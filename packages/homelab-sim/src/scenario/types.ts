/** A node of the simulated cluster. */
export interface NodeSpec {
  name: string;
  /** Adds `node-role.kubernetes.io/<role>` labels, e.g. `control-plane`. */
  roles?: string[];
  cpuModel?: string;
  /** Hardware threads, reported as CPU capacity. */
  cpu?: number;
  /** Kubernetes quantity, e.g. `16Gi`. */
  memory?: string;
  kubeletVersion?: string;
  internalIP?: string;
  ready?: boolean;
  /** What metrics.k8s.io reports for the node. */
  usage?: { cpu?: string; memory?: string };
}

export interface ModelSpec {
  /** Ollama tag, e.g. `qwen3:1.7b`. */
  name: string;
  /** Bytes on disk. */
  size: number;
  /** Bytes in memory once loaded (weights plus KV cache); defaults to 1.4 x size. */
  loadedSize?: number;
  family: string;
  families?: string[];
  parameterSize: string;
  quantization?: string;
  digest?: string;
  contextLength?: number;
  capabilities?: string[];
  modifiedAt?: string;
}

export interface OllamaSpec {
  /** false: the Ollama port refuses connections, as a stopped server does. */
  up?: boolean;
  version?: string;
  settings?: {
    OLLAMA_MAX_LOADED_MODELS?: number;
    OLLAMA_NUM_PARALLEL?: number;
    OLLAMA_MAX_QUEUE?: number;
    OLLAMA_KEEP_ALIVE?: string | number;
  };
  /** Generation speed: milliseconds per produced token. */
  msPerToken?: number;
  /** Prompt evaluation speed: milliseconds per prompt token. */
  msPerPromptToken?: number;
  /** Time a cold load takes. */
  loadMs?: number;
  /** Tokens a reply has when the request sets no num_predict. */
  responseTokens?: number;
  models?: ModelSpec[];
  /**
   * A GPU on Ollama's node. A model loads into what is left of its memory,
   * the rest in RAM, and /api/ps reports that part as size_vram. Without
   * it Ollama runs on CPU only (size_vram 0).
   */
  gpu?: { memory: string | number };
}

export type FailureKind = 'crashLoop' | 'pendingMemory' | 'imagePull';

export interface FailureSpec {
  namespace: string;
  /** Name of a Deployment or StatefulSet; a stand-in Deployment is added when none exists. */
  workload: string;
  kind: FailureKind;
  /** Image named in ImagePullBackOff messages and used by a stand-in. */
  image?: string;
}

export interface ScenarioSpec {
  name: string;
  description?: string;
  /** Name of a shipped scenario whose fields this one overrides. */
  extends?: string;
  kubernetesVersion?: string;
  /** How long ago the cluster objects were created, e.g. `3d`, `5h`. */
  age?: string;
  nodes?: NodeSpec[];
  ollama?: OllamaSpec;
  failures?: FailureSpec[];
  /**
   * A cutover in steps: the sim starts at the first and an admin call
   * advances it. A step lists only what is not yet in place; the rest is
   * healthy.
   */
  steps?: StepSpec[];
}

/** `<namespace>/<name>` of an object. */
export type ObjectKey = string;

export interface StepSpec {
  name?: string;
  /** Ready pods of a Deployment or StatefulSet; the others run but are not ready yet. */
  ready?: Record<ObjectKey, number>;
  /** PVC phase other than Bound. */
  pvcs?: Record<ObjectKey, 'Pending' | 'Lost'>;
  /** HTTPRoute conditions that are False, with their reason (e.g. Accepted: NotAllowedByListeners). */
  routes?: Record<ObjectKey, { Accepted?: string; ResolvedRefs?: string }>;
  /** Models not pulled yet: absent from /api/tags. */
  missingModels?: string[];
  /** Status the service proxy answers with for a Service that has ready endpoints (default 200). */
  httpStatus?: Record<ObjectKey, number>;
}

/** A scenario after `extends` and defaults are applied. */
export interface ResolvedScenario {
  name: string;
  description: string;
  kubernetesVersion: string;
  ageMs: number;
  nodes: ResolvedNode[];
  ollama: ResolvedOllama;
  failures: FailureSpec[];
  steps: StepSpec[];
}

export type ResolvedNode = Required<Omit<NodeSpec, 'usage'>> & {
  usage: { cpu: string; memory: string };
};

export interface ResolvedOllama {
  up: boolean;
  version: string;
  maxLoadedModels: number;
  numParallel: number;
  maxQueue: number;
  keepAliveMs: number;
  msPerToken: number;
  msPerPromptToken: number;
  loadMs: number;
  responseTokens: number;
  models: ModelSpec[];
  /** GPU memory in bytes; 0 on a CPU-only node. */
  gpuMemoryBytes: number;
}
