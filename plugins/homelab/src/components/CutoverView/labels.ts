import type { CheckStatus, Disagreement } from '../../api/types';

export const CHECK_LABEL: Record<CheckStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  unknown: 'unknown',
};

export const DISAGREEMENT_LABEL: Record<Disagreement, string> = {
  'ticked-but-failing': 'ticked but failing',
  'open-but-passing': 'open but passing',
};

export const DISAGREEMENT_HINT: Record<Disagreement, string> = {
  'ticked-but-failing':
    'The plan ticks this item, but its check fails: reality does not agree with the checklist.',
  'open-but-passing':
    'Its check passes, but the item is still open in the plan: tick it in the markdown once you have confirmed it.',
};

/** "2 disagreements", "1 disagreement". */
export function countLabel(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
