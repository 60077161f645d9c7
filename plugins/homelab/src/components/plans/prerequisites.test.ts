import type { PhasePlanSummary, ResolvedPrerequisite } from '../../api/types';
import { prerequisiteLines } from './prerequisites';

function plan(
  id: string,
  prerequisites: ResolvedPrerequisite[],
): PhasePlanSummary {
  return {
    id,
    file: `docs/phases/${id}.md`,
    title: id,
    status: 'planned',
    statusSource: 'declared',
    tasks: { done: 0, open: 1 },
    prerequisites,
    drift: [],
    entityRefs: [],
    phases: [],
  };
}

describe('prerequisiteLines', () => {
  it('names the blocking phase with its status and follows the chain', () => {
    const p22 = plan('p22', []);
    const p23 = plan('p23', [
      {
        text: '4.22',
        phaseId: '4.22',
        status: 'planned',
        planId: 'p22',
        satisfied: false,
      },
    ]);
    const p24 = plan('p24', [
      {
        text: '4.23',
        phaseId: '4.23',
        status: 'in-progress',
        planId: 'p23',
        satisfied: false,
      },
      {
        text: '4.10',
        phaseId: '4.10',
        status: 'complete',
        planId: 'p10',
        satisfied: true,
      },
      { text: 'a working backup', satisfied: undefined },
    ]);
    expect(prerequisiteLines(p24, [p22, p23, p24])).toEqual([
      {
        text: 'blocked by 4.23: in progress, which is blocked by 4.22: planned',
        blocking: true,
      },
      { text: 'after 4.10: complete ✓', blocking: false },
      { text: 'needs a working backup', blocking: false },
    ]);
  });

  it('stops at a cycle instead of looping', () => {
    const a = plan('a', [
      {
        text: '1',
        phaseId: '1',
        status: 'planned',
        planId: 'b',
        satisfied: false,
      },
    ]);
    const b = plan('b', [
      {
        text: '2',
        phaseId: '2',
        status: 'planned',
        planId: 'a',
        satisfied: false,
      },
    ]);
    expect(prerequisiteLines(a, [a, b])[0].text).toBe(
      'blocked by 1: planned, which is blocked by 2: planned',
    );
  });
});
