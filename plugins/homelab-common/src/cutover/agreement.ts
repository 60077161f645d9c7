import type { CutoverItem, CutoverPlan } from './types';

export type CheckStatus = 'pass' | 'fail' | 'unknown';

/** What the checks of one item say together: any fail fails, all pass passes. */
export function combinedStatus(
  statuses: CheckStatus[],
): CheckStatus | undefined {
  if (!statuses.length) return undefined;
  if (statuses.includes('fail')) return 'fail';
  return statuses.every(s => s === 'pass') ? 'pass' : 'unknown';
}

/**
 * Where the checklist and reality disagree: an item ticked in the markdown
 * whose checks fail, or one left open whose checks all pass. Unknown
 * results never disagree.
 */
export function disagreement(
  item: Pick<CutoverItem, 'checked'>,
  status: CheckStatus | undefined,
): 'ticked-but-failing' | 'open-but-passing' | undefined {
  if (item.checked && status === 'fail') return 'ticked-but-failing';
  if (!item.checked && status === 'pass') return 'open-but-passing';
  return undefined;
}

/** A cutover is in progress while at least one of its tasks is done and one is open. */
export function cutoverInProgress(plan: CutoverPlan): boolean {
  return plan.items.some(i => i.checked) && plan.items.some(i => !i.checked);
}

/**
 * The namespaces whose Services the plan's http checks reach through the
 * service proxy: the only ones where the portal needs `services/proxy`.
 */
export function proxyNamespaces(plan: CutoverPlan): string[] {
  const namespaces = plan.items.flatMap(i =>
    i.checks.flatMap(c =>
      c.kind === 'http' && c.via === 'service' ? [c.namespace] : [],
    ),
  );
  return [...new Set(namespaces)].sort();
}
