import type { PlanPhase } from '../api/phases';
import type { PhasePlan } from '../types';

/** The numbered phase sections of a plan, as GET /api/homelab/phases lists them. */
export function planPhases(plan: PhasePlan): PlanPhase[] {
  return plan.sections
    .filter(s => s.phaseId)
    .map(s => ({
      phaseId: s.phaseId!,
      title: s.title,
      status: s.status,
      tasks: s.tasks,
    }));
}
