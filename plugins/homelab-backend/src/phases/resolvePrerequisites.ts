import type { PhasePlan, PhaseStatus } from '@internal/plugin-homelab-common';
import type { ResolvedPrerequisite } from '@internal/plugin-homelab-common';

interface KnownPhase {
  status: PhaseStatus;
  title: string;
  plan: PhasePlan;
}

/** Every phase id the plans define: the plans themselves and their phase sections. */
function indexPhases(plans: PhasePlan[]): Map<string, KnownPhase> {
  const known = new Map<string, KnownPhase>();
  for (const plan of plans) {
    if (plan.phaseId && !known.has(plan.phaseId)) {
      known.set(plan.phaseId, { status: plan.status, title: plan.title, plan });
    }
    for (const s of plan.sections) {
      if (s.phaseId && s.status && !known.has(s.phaseId)) {
        known.set(s.phaseId, { status: s.status, title: s.title, plan });
      }
    }
  }
  return known;
}

/**
 * Pairs each prerequisite of `plan` with the status of the phase it names,
 * so a page can say "blocked by 4.23: in progress".
 */
export function resolvePrerequisites(
  plan: PhasePlan,
  plans: PhasePlan[],
  idOf: (plan: PhasePlan) => string | undefined,
): ResolvedPrerequisite[] {
  const known = indexPhases(plans);
  return plan.prerequisites.map(text => {
    const phase = known.get(text.trim());
    if (!phase) return { text };
    return {
      text,
      phaseId: text.trim(),
      status: phase.status,
      planId: idOf(phase.plan),
      title: phase.title,
      satisfied: phase.status === 'complete',
    };
  });
}
