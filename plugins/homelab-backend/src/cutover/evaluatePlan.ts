import {
  combinedStatus,
  CutoverPlan,
  disagreement,
} from '@internal/plugin-homelab-common';
import { evaluateCheck } from './evaluateCheck';
import type { CheckResult, CutoverReaders } from './types';

export interface EvaluatedItem {
  line: number;
  text: string;
  checked: boolean;
  /** One per declared check, in declaration order; the key ties it to the declaration. */
  results: (CheckResult & { key: string })[];
  /** Undefined for a plain checkbox. */
  status?: CheckResult['status'];
  disagreement?: 'ticked-but-failing' | 'open-but-passing';
}

/** Checks run at once; a plan has a handful, and the cluster is a homelab's. */
const CONCURRENCY = 4;

/**
 * Evaluates every check of a plan's cutover section once, even when several
 * items declare the same check, and says per item whether the checklist and
 * reality agree.
 */
export async function evaluatePlan(
  plan: CutoverPlan,
  readers: CutoverReaders,
): Promise<EvaluatedItem[]> {
  const unique = new Map(
    plan.items.flatMap(i => i.checks).map(c => [c.key, c] as const),
  );
  const queue = [...unique.values()];
  const results = new Map<string, CheckResult>();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let check = queue.shift(); check; check = queue.shift()) {
        results.set(check.key, await evaluateCheck(check, readers));
      }
    }),
  );
  return plan.items.map(item => {
    const itemResults = item.checks.map(c => ({
      key: c.key,
      ...results.get(c.key)!,
    }));
    const status = combinedStatus(itemResults.map(r => r.status));
    return {
      line: item.line,
      text: item.text,
      checked: item.checked,
      results: itemResults,
      status,
      disagreement: disagreement(item, status),
    };
  });
}
