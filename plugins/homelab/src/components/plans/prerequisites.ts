import { statusLabel } from '../common/StatusChip';
import type { PhasePlanSummary, ResolvedPrerequisite } from '../../api/types';

function describe(p: ResolvedPrerequisite): string {
  const name = p.phaseId ?? p.text;
  return `${name}: ${statusLabel(p.status).toLocaleLowerCase('en-US')}`;
}

/**
 * One line per prerequisite: "blocked by 4.23: in progress", followed down the
 * chain when that phase is itself waiting ("…, which is blocked by 4.22: planned").
 */
export function prerequisiteLines(
  plan: PhasePlanSummary,
  plans: PhasePlanSummary[],
): { text: string; blocking: boolean }[] {
  return plan.prerequisites.map(p => {
    if (p.satisfied === undefined)
      return { text: `needs ${p.text}`, blocking: false };
    if (p.satisfied) return { text: `after ${describe(p)} ✓`, blocking: false };
    let text = `blocked by ${describe(p)}`;
    const seen = new Set([plan.id]);
    let next = plans.find(x => x.id === p.planId);
    while (next && !seen.has(next.id)) {
      seen.add(next.id);
      const blocker = next.prerequisites.find(x => x.satisfied === false);
      if (!blocker) break;
      text += `, which is blocked by ${describe(blocker)}`;
      next = plans.find(x => x.id === blocker.planId);
    }
    return { text, blocking: true };
  });
}
