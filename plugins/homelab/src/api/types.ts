// The response shapes of /api/homelab, shared with the backend through homelab-common.
export type {
  InstalledModelStatus,
  LoadedModelStatus,
  MemoryBudget,
  ModelChurn,
  ModelEstimate,
  OllamaHistory,
  OllamaHistoryPoint,
  OllamaStatus,
  PhasePlanDetail,
  PhasePlanList,
  PhasePlanProblem,
  PhasePlanSummary,
  PlanPhase,
  ResolvedPrerequisite,
  Usage,
} from '@internal/plugin-homelab-common';
