import type { ClusterClient } from '@internal/plugin-homelab-node';

/**
 * What the sampler needs from Ollama and from the cluster. The clients of
 * `@internal/plugin-homelab-node` satisfy these; tests can pass anything that does.
 */
export interface OllamaReader {
  version(): Promise<{ version: string }>;
  tags(): Promise<{ models: OllamaTag[] }>;
  ps(): Promise<{ models: OllamaLoadedModel[] }>;
  generate(request: {
    model: string;
    prompt: string;
    stream: false;
    keep_alive?: string | number;
    options?: Record<string, unknown>;
  }): Promise<{ eval_count?: number; eval_duration?: number }>;
}

export interface OllamaTag {
  name: string;
  size: number;
  details?: { parameter_size?: string; quantization_level?: string };
}

export interface OllamaLoadedModel {
  name: string;
  size: number;
  size_vram?: number;
  expires_at?: string | Date;
  context_length?: number;
}

/** The reads of the cluster's ClusterClient that the sampler makes. */
export type ClusterReader = Pick<
  ClusterClient,
  | 'listPods'
  | 'getDeployment'
  | 'getReplicaSet'
  | 'getStatefulSet'
  | 'listPodMetrics'
  | 'listNodes'
>;

/** Where the sampler reads from; built once from `homelab.ollama` and `homelab.cluster`. */
export interface SamplerSources {
  ollama: OllamaReader;
  /** Without it the samples carry no pod CPU and memory. */
  cluster?: ClusterReader;
  /** For log lines, e.g. the base URL. */
  ollamaName: string;
  /** Namespace and label selector of the Ollama pod. */
  namespace: string;
  labelSelector: string;
}
