// The JSON of the homelab backend's Ollama routes (GET /api/homelab/ollama/status
// and /ollama/history), shared by the backend that answers and the frontend that reads.

/** Memory a model needs when loaded, and where that figure comes from. */
export interface ModelEstimate {
  name: string;
  bytes?: number;
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
}

export interface LoadedModelStatus {
  name: string;
  sizeBytes: number;
  /** Share of the model in GPU memory (size_vram / size), 0..1; 0 on a CPU-only host. */
  gpuShare: number;
  cpuShare: number;
  contextLength?: number;
  expiresAt?: string;
  secondsUntilUnload?: number;
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
  loadedBytes: number;
  limitBytes?: number;
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

export interface OllamaHistoryPoint {
  at: string;
  reachable: boolean;
  latencyMs?: number;
  cpuMillicores?: number;
  cpuLimitMillicores?: number;
  memoryBytes?: number;
  memoryLimitBytes?: number;
  loadedBytes: number;
  loadedModels: string[];
}

/** `GET /ollama/history`. */
export interface OllamaHistory {
  window: string;
  from: string;
  to: string;
  points: OllamaHistoryPoint[];
}
