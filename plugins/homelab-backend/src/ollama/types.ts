import type { ModelEstimate } from '@internal/plugin-homelab-common';

// What the sampler stores. What the API answers is in homelab-common (src/api).

export type { ModelEstimate };

/** CPU in millicores and memory in bytes. */
export interface Resources {
  cpuMillicores?: number;
  memoryBytes?: number;
}

/** The Ollama pod as the sampler saw it. */
export interface PodSnapshot {
  name: string;
  nodeName?: string;
  phase?: string;
  restarts?: number;
  usage: Resources;
  requests: Resources;
  /** An undefined figure: some container sets no such limit, so the pod has none. */
  limits: Resources;
  /** What the node offers to pods. */
  nodeAllocatable: Resources;
}

export interface LoadedModelSnapshot {
  name: string;
  /** Ollama's `size`: the whole model in memory. */
  sizeBytes: number;
  /** Ollama's `size_vram`: the part of `size` in GPU memory. */
  sizeVramBytes: number;
  contextLength?: number;
  expiresAt?: string;
}

export interface InstalledModelSnapshot {
  name: string;
  sizeBytes: number;
  parameterSize?: string;
  quantization?: string;
}

/** One reading of Ollama and its pod, as stored. */
export interface OllamaSample {
  sampledAt: number;
  reachable: boolean;
  latencyMs?: number;
  error?: string;
  /** Failed attempts in a row including this one; 0 when reachable. */
  consecutiveFailures: number;
  /** Epoch ms of the first failed attempt of the current outage. */
  unreachableSince?: number;
  version?: string;
  loaded: LoadedModelSnapshot[];
  installed: InstalledModelSnapshot[];
  pod?: PodSnapshot;
  /** Why the pod could not be read, when it could not. */
  podError?: string;
  /** The text and vision models that should fit in memory together. */
  pair?: { text?: ModelEstimate; vision?: ModelEstimate };
}

export interface ProbeResult {
  probedAt: number;
  model: string;
  tokensPerSecond?: number;
  error?: string;
}
