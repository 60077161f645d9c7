import type {
  CutoverSummary,
  MigrationGlance,
  PhaseGlance,
  PhasePlanSummary,
} from '@internal/plugin-homelab-common';

const SHOWN: ReadonlySet<string> = new Set(['in-progress', 'blocked']);

function phaseGlance(p: PhasePlanSummary): PhaseGlance {
  return {
    planId: p.id,
    title: p.title,
    ...(p.phaseId ? { phaseId: p.phaseId } : {}),
    tasks: { done: p.tasks.done, total: p.tasks.done + p.tasks.open },
    blockedBy: p.prerequisites
      .filter(r => r.satisfied === false)
      .map(r => r.text),
    entityRefs: p.entityRefs,
    ...(p.proposed
      ? {
          proposed: {
            branch: p.proposed.branch,
            ...(p.proposed.pullRequest
              ? { pullRequestUrl: p.proposed.pullRequest.url }
              : {}),
          },
        }
      : {}),
  };
}

/** The Migration widget: cutovers in progress first, then plans in progress or blocked, drift counted. */
export function migrationGlance(
  plans: PhasePlanSummary[],
  cutovers: CutoverSummary[],
): MigrationGlance {
  return {
    cutovers: cutovers
      .filter(c => c.inProgress)
      .map(c => ({
        planId: c.planId,
        title: c.title,
        ...(c.entityRefs[0] ? { entityRef: c.entityRefs[0] } : {}),
        disagreements: c.disagreements,
      })),
    inProgress: plans.filter(p => SHOWN.has(p.status)).map(phaseGlance),
    driftWarnings: plans.filter(p => p.drift.length > 0).length,
  };
}
