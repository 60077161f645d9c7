import type {
  PhasePlan,
  PhaseStatus,
  ResolvedPrerequisite,
} from '@internal/plugin-homelab-common';

interface KnownPhase {
  status: PhaseStatus;
  title: string;
  planId: string;
}

export type PhaseIndex = Map<string, KnownPhase>;

/** Every phase id the plans define: the plans themselves and their phase sections. */
export function indexPhases(
  loaded: { id: string; plan: PhasePlan }[],
): PhaseIndex {
  const known: PhaseIndex = new Map();
  for (const { id: planId, plan } of loaded) {
    if (plan.phaseId && !known.has(plan.phaseId)) {
      known.set(plan.phaseId, {
        status: plan.status,
        title: plan.title,
        planId,
      });
    }
    for (const s of plan.sections) {
      if (s.phaseId && s.status && !known.has(s.phaseId)) {
        known.set(s.phaseId, { status: s.status, title: s.title, planId });
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
  known: PhaseIndex,
): ResolvedPrerequisite[] {
  return plan.prerequisites.map(text => {
    const phase = known.get(text.trim());
    if (!phase) return { text };
    return {
      text,
      phaseId: text.trim(),
      status: phase.status,
      planId: phase.planId,
      title: phase.title,
      satisfied: phase.status === 'complete',
    };
  });
}
