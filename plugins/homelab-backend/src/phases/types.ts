// The response shapes live in homelab-common, which the frontend shares.
export type {
  PhasePlanDetail,
  PhasePlanList,
  PhasePlanProblem,
  PhasePlanSummary,
  PlanPhase,
  ResolvedPrerequisite,
} from '@internal/plugin-homelab-common';
