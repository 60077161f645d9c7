import {
  type CheckStatus,
  combinedStatus,
  type CutoverCheckResult,
  type CutoverDetail,
  type CutoverItemView,
  cutoverInProgress,
  type CutoverSummary,
  disagreement,
} from '@internal/plugin-homelab-common';
import type { ClusterReading } from '../snapshot/types';
import { describeCheck } from './describeCheck';
import type { EntityFacts } from './entityFacts';
import { podRow } from './podRow';
import type { PlanCutover, PlanEvaluation } from './runnerTypes';

/**
 * The plan's items as written now, each with the latest result of its
 * checks: a check declared after the latest evaluation is unknown until the
 * next one.
 */
export function itemViews(
  plan: PlanCutover,
  evaluation: PlanEvaluation | undefined,
): CutoverItemView[] {
  return plan.cutover.items.map(item => {
    const results: CutoverCheckResult[] = item.checks.map(check => {
      const found = evaluation?.results.get(check.key);
      return {
        key: check.key,
        kind: check.kind,
        description: describeCheck(check),
        status: found?.status ?? 'unknown',
        evidence: found?.evidence ?? 'not checked yet',
        checkedAt: found?.checkedAt ?? '',
      };
    });
    const status = combinedStatus(results.map(r => r.status));
    const view: CutoverItemView = {
      line: item.line,
      text: item.text,
      checked: item.checked,
      results,
    };
    if (status) view.status = status;
    const disagrees = disagreement(item, status);
    if (disagrees) view.disagreement = disagrees;
    return view;
  });
}

export function cutoverSummary(
  plan: PlanCutover,
  evaluation: PlanEvaluation | undefined,
  items: CutoverItemView[] = itemViews(plan, evaluation),
): CutoverSummary {
  const checks: Record<CheckStatus, number> = { pass: 0, fail: 0, unknown: 0 };
  const seen = new Set<string>();
  for (const r of items.flatMap(i => i.results)) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    checks[r.status]++;
  }
  const summary: CutoverSummary = {
    planId: plan.id,
    title: plan.title,
    file: plan.file,
    entityRefs: plan.entityRefs,
    sectionTitle: plan.cutover.section!.title,
    inProgress: cutoverInProgress(plan.cutover),
    tasks: {
      done: items.filter(i => i.checked).length,
      total: items.length,
    },
    checks,
    disagreements: items.filter(i => i.disagreement).length,
  };
  if (evaluation) summary.checkedAt = evaluation.finishedAt.toISOString();
  return summary;
}

/** The namespaces whose pods the view lists: the entities' and the checks'. */
export function podNamespaces(plan: PlanCutover, facts: EntityFacts): string[] {
  const fromChecks = plan.cutover.items.flatMap(i =>
    i.checks.flatMap(c => ('namespace' in c ? [c.namespace] : [])),
  );
  return [...new Set([...facts.namespaces, ...fromChecks])].sort();
}

export function cutoverDetail(options: {
  plan: PlanCutover;
  evaluation?: PlanEvaluation;
  facts: EntityFacts;
  reading?: ClusterReading;
  intervalSeconds: number;
  nextCheckAt?: Date;
  snapshotError?: string;
}): CutoverDetail {
  const { plan, evaluation, facts, reading } = options;
  const items = itemViews(plan, evaluation);
  const namespaces = new Set(podNamespaces(plan, facts));
  const pods = (reading?.pods ?? [])
    .filter(p => namespaces.has(p.metadata.namespace ?? ''))
    .map(podRow)
    .sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
  const detail: CutoverDetail = {
    ...cutoverSummary(plan, evaluation, items),
    items,
    pods,
    ollamaConsumer: facts.ollamaConsumer,
    intervalSeconds: options.intervalSeconds,
  };
  if (facts.runbook) detail.runbook = facts.runbook;
  if (options.nextCheckAt)
    detail.nextCheckAt = options.nextCheckAt.toISOString();
  const error =
    evaluation?.error ?? podsProblem(reading, options.snapshotError);
  if (error) detail.error = error;
  return detail;
}

/** Why the pods may not be current: the snapshot's latest reading failed. */
function podsProblem(
  reading: ClusterReading | undefined,
  snapshotError: string | undefined,
): string | undefined {
  if (!snapshotError) return undefined;
  return reading
    ? `the pods are as read at ${reading.readAt.toISOString()}; the latest reading failed: ${snapshotError}`
    : `no pods read yet: ${snapshotError}`;
}
