import type {
  PhaseDrift,
  PhasePlan,
  PhaseProgress,
  PhaseStatus,
  StatusSource,
  TaskCounts,
} from '@internal/plugin-homelab-common';

// The JSON the homelab backend answers with. They mirror the backend's own
// types (plugins/homelab-backend/src/{phases,ollama}), which a frontend
// package cannot import.

/** A prerequisite of a plan and, when it names a known phase, where that phase stands. */
export interface ResolvedPrerequisite {
  text: string;
  phaseId?: string;
  status?: PhaseStatus;
  planId?: string;
  title?: string;
  /** false while a known phase is not complete; undefined when the text names no known phase. */
  satisfied?: boolean;
}

export interface PlanPhase {
  phaseId: string;
  title: string;
  status?: PhaseStatus;
  tasks: TaskCounts;
}

/** A row of `GET /phases`. */
export interface PhasePlanSummary {
  id: string;
  file: string;
  title: string;
  phaseId?: string;
  status: PhaseStatus;
  statusSource: StatusSource;
  declaredStatus?: string;
  tasks: TaskCounts;
  progress?: PhaseProgress;
  prerequisites: ResolvedPrerequisite[];
  drift: PhaseDrift[];
  entityRefs: string[];
  phases: PlanPhase[];
}

export interface PhasePlanProblem {
  source: string;
  message: string;
}

export interface PhasePlanList {
  plans: PhasePlanSummary[];
  problems: PhasePlanProblem[];
}

/** `GET /phases/:id`. */
export interface PhasePlanDetail extends PhasePlanSummary {
  plan: PhasePlan;
}

export interface Usage {
  used?: number;
  request?: number;
  limit?: number;
  percentOfLimit?: number;
}

export interface LoadedModelStatus {
  name: string;
  sizeBytes: number;
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

export interface ModelEstimate {
  name: string;
  bytes?: number;
  source: 'loaded' | 'catalog' | 'download size' | 'unknown';
}

export interface MemoryBudget {
  loadedBytes: number;
  limitBytes?: number;
  nodeAllocatableBytes?: number;
  text?: ModelEstimate;
  vision?: ModelEstimate;
  pairBytes?: number;
  pairFitsLimit?: boolean;
  pairFitsNode?: boolean;
}

export interface ModelChurn {
  model: string;
  reloads: number;
  contextChanges: number;
}

/** `GET /ollama/status`. */
export interface OllamaStatus {
  hasData: boolean;
  sampledAt?: string;
  ageSeconds?: number;
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
  probe?: {
    probedAt: string;
    model: string;
    tokensPerSecond?: number;
    error?: string;
  };
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
