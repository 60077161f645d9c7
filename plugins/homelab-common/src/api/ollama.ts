// The JSON of the homelab backend's Ollama routes (GET /api/homelab/ollama/status
// and /ollama/history), shared by the backend that answers and the frontend that reads.

/** Memory a model needs when loaded, and where that figure comes from. */
export interface ModelEstimate {
  name: string;
  /** Memory counted against the pod's limit; for a loaded model its RAM share (size - size_vram). */
  bytes?: number;
  /** For a loaded model: the part of it in GPU memory (size_vram). */
  vramBytes?: number;
  source: 'loaded' | 'catalog' | 'download size' | 'unknown';
}

/** Reload churn of one model over the last hour. */
export interface ModelChurn {
  model: string;
  /** Times the model came back after being unloaded. */
  reloads: number;
  /** Times its context length changed while loaded (Ollama reloads it for that). */
  contextChanges: number;
}

/** The latest result of the opt-in throughput probe. */
export interface ThroughputProbeStatus {
  probedAt: string;
  model: string;
  /** eval_count / eval_duration × 1e9 of the probe's reply. */
  tokensPerSecond?: number;
  error?: string;
}

export interface Usage {
  used?: number;
  request?: number;
  limit?: number;
  /** used / limit × 100, when both are known. */
  percentOfLimit?: number;
  /** A container of the pod sets no limit, so the pod has none: it may use what the node offers. */
  noLimit?: boolean;
}

export interface LoadedModelStatus {
  name: string;
  sizeBytes: number;
  /** Share of the model in GPU memory (size_vram / size), 0..1; 0 on a CPU-only host. */
  gpuShare: number;
  cpuShare: number;
  /** Bytes in the pod's RAM (size - size_vram): what counts against the memory limit. */
  ramBytes?: number;
  /** Bytes in GPU memory (Ollama's size_vram). */
  vramBytes?: number;
  /** Where the model sits: all in RAM, all on the GPU, or split between them. */
  placement?: 'cpu' | 'gpu' | 'split';
  contextLength?: number;
  expiresAt?: string;
  secondsUntilUnload?: number;
  /** ramBytes / the pod's memory limit × 100; a model on the GPU counts only its RAM share. */
  percentOfMemoryLimit?: number;
}

export interface InstalledModelStatus {
  name: string;
  sizeBytes: number;
  parameterSize?: string;
  quantization?: string;
  loaded: boolean;
}

export interface MemoryBudget {
  /** RAM share of the loaded models (size - size_vram each), what the memory limit holds. */
  loadedBytes: number;
  /** Part of the loaded models in GPU memory (size_vram), outside the pod's memory limit. */
  loadedVramBytes?: number;
  limitBytes?: number;
  /** The pod was read and a container sets no memory limit: the pod has none. */
  noLimit?: boolean;
  nodeAllocatableBytes?: number;
  text?: ModelEstimate;
  vision?: ModelEstimate;
  /** Text and vision model together. */
  pairBytes?: number;
  pairFitsLimit?: boolean;
  pairFitsNode?: boolean;
}

/** `GET /ollama/status`. */
export interface OllamaStatus {
  /** False until the sampler has stored its first sample. */
  hasData: boolean;
  sampledAt?: string;
  ageSeconds?: number;
  /** The newest sample is older than the sampler's schedule explains. */
  stale: boolean;
  reachable: boolean;
  unreachableSince?: string;
  error?: string;
  version?: string;
  latencyMs?: number;
  intervalSeconds: number;
  pod?: {
    name: string;
    nodeName?: string;
    phase?: string;
    restarts?: number;
    cpuMillicores: Usage;
    memoryBytes: Usage;
  };
  podError?: string;
  loadedModels: LoadedModelStatus[];
  installedModels: InstalledModelStatus[];
  memoryBudget: MemoryBudget;
  churn: ModelChurn[];
  warnings: string[];
  probe?: ThroughputProbeStatus;
}

/**
 * One time bucket of the history: the highest CPU, memory and loaded-model
 * figures of its samples, their mean latency, reachable only if every sample
 * was, and the models loaded at its newest sample (`at`).
 */
export interface OllamaHistoryPoint {
  at: string;
  reachable: boolean;
  latencyMs?: number;
  cpuMillicores?: number;
  cpuLimitMillicores?: number;
  memoryBytes?: number;
  memoryLimitBytes?: number;
  /** RAM share of the loaded models (size - size_vram). */
  loadedBytes: number;
  /** Part of the loaded models in GPU memory. */
  loadedVramBytes?: number;
  loadedModels: string[];
}

/** `GET /ollama/history`. */
export interface OllamaHistory {
  window: string;
  from: string;
  to: string;
  points: OllamaHistoryPoint[];
}
