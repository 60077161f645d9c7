import type {
  CutoverSummary,
  MigrationGlance,
  PhaseGlance,
  PhasePlanSummary,
} from '@internal/plugin-homelab-common';

const SHOWN: ReadonlySet<string> = new Set(['in-progress', 'blocked']);

function proposal(p: PhasePlanSummary): Pick<PhaseGlance, 'proposed'> {
  if (!p.proposed) return {};
  const url = p.proposed.pullRequest?.url;
  return {
    proposed: {
      branch: p.proposed.branch,
      ...(url ? { pullRequestUrl: url } : {}),
    },
  };
}

/**
 * What a plan contributes: each of its phases in progress or blocked (a plan
 * declared "Planned" may have started its first phase), else the plan itself
 * when it is in progress or blocked. A complete plan contributes nothing.
 */
function phaseGlances(p: PhasePlanSummary): PhaseGlance[] {
  if (p.status === 'complete') return [];
  const common = {
    planId: p.id,
    blockedBy: p.prerequisites
      .filter(r => r.satisfied === false)
      .map(r => r.text),
    entityRefs: p.entityRefs,
    ...proposal(p),
  };
  const phases = p.phases.filter(ph => SHOWN.has(ph.status ?? ''));
  if (phases.length > 0) {
    return phases.map(ph => ({
      ...common,
      title: `${p.title}: ${ph.title}`,
      phaseId: ph.phaseId,
      tasks: { done: ph.tasks.done, total: ph.tasks.done + ph.tasks.open },
    }));
  }
  if (!SHOWN.has(p.status)) return [];
  return [
    {
      ...common,
      title: p.title,
      ...(p.phaseId ? { phaseId: p.phaseId } : {}),
      tasks: { done: p.tasks.done, total: p.tasks.done + p.tasks.open },
    },
  ];
}

/** The Migration widget: cutovers in progress first, then phases in progress or blocked, drift counted. */
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
    inProgress: plans.flatMap(phaseGlances),
    driftWarnings: plans.filter(p => p.drift.length > 0).length,
  };
}
