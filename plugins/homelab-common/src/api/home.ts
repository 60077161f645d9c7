// The JSON of `GET /api/homelab/home`: summaries the backend computes on a schedule
// and shares between viewers (any number of open home pages cost the cluster and
// Ollama what one does). Plans and entities are filtered by what the caller may see.

/** One widget's data with its freshness; `stale` once older than two intervals. */
export interface HomeSection<T> {
  data?: T;
  /** Why the latest computation failed; `data` then holds the previous result, if any. */
  error?: string;
  updatedAt?: string;
  stale: boolean;
}

export interface PhaseGlance {
  planId: string;
  title: string;
  phaseId?: string;
  tasks: { done: number; total: number };
  /** Prerequisites not yet complete, as written ("4.23"). */
  blockedBy: string[];
  entityRefs: string[];
  /** Set while the plan exists only on a scaffold branch. */
  proposed?: { branch: string; pullRequestUrl?: string };
}

export interface MigrationGlance {
  /** Cutovers in progress, listed first; each links to its Cutover view. */
  cutovers: {
    planId: string;
    title: string;
    entityRef?: string;
    disagreements: number;
  }[];
  inProgress: PhaseGlance[];
  /** Plans whose declared status disagrees with their checklist. */
  driftWarnings: number;
}

/** Requests are summed as `kubectl describe node` sums them (non-terminated pods, init containers by max). */
export interface NodeGlance {
  name: string;
  ready: boolean;
  cpu: { requestedMillicores: number; allocatableMillicores: number };
  memory: { requestedBytes: number; allocatableBytes: number };
  entityRef?: string;
}

export interface PodProblem {
  namespace: string;
  name: string;
  phase: string;
  /** CrashLoopBackOff, OOMKilled, Pending: Insufficient memory, ImagePullBackOff, … */
  reason: string;
  restarts: number;
  /** The catalog entity of the pod's namespace or workload, for the link. */
  entityRef?: string;
}

export interface ClusterGlance {
  nodes: NodeGlance[];
  problems: PodProblem[];
  podCount: number;
}

export interface OllamaGlance {
  up: boolean;
  loaded: { name: string; ramBytes?: number; percentOfMemoryLimit?: number }[];
  memoryLimitBytes?: number;
  /** Whether the configured text and vision models fit in memory together. */
  pairFits?: { text: string; vision: string; fits: boolean; detail: string };
  /** The Ollama component, for the link to its load card. */
  entityRef?: string;
}

export interface HomeSummary {
  migration: HomeSection<MigrationGlance>;
  cluster: HomeSection<ClusterGlance>;
  ollama: HomeSection<OllamaGlance>;
}
