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

/** Kubernetes objects as plain JSON; only the fields the sampler reads are typed. */
export interface KubeObject {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    ownerReferences?: { kind?: string; name?: string }[];
  };
  spec?: any;
  status?: any;
}

export interface PodMetrics {
  metadata?: { name?: string };
  containers?: { name: string; usage?: { cpu?: string; memory?: string } }[];
}

type ListOf<T> = T[] | { items?: T[] };

export interface ClusterReader {
  listPods(
    namespace: string,
    labelSelector: string,
  ): Promise<ListOf<KubeObject>>;
  getDeployment(
    namespace: string,
    name: string,
  ): Promise<KubeObject | undefined>;
  listPodMetrics(
    namespace: string,
    labelSelector: string,
  ): Promise<ListOf<PodMetrics>>;
  listNodes(): Promise<ListOf<KubeObject>>;
}

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

/** Lists come back as arrays or as `{ items }`, depending on the client. */
export function itemsOf<T>(list: ListOf<T> | undefined | null): T[] {
  if (!list) return [];
  return Array.isArray(list) ? list : list.items ?? [];
}
