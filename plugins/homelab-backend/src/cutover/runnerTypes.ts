import type { CutoverPlan } from '@internal/plugin-homelab-common';
import type { CheckResult } from './types';

/** A phase plan's cutover section, with the entities it belongs to. */
export interface PlanCutover {
  id: string;
  /** Repository-relative path (or URL) of the plan. */
  file: string;
  title: string;
  entityRefs: string[];
  cutover: CutoverPlan;
}

/** One evaluation of a plan's checks, shared by every viewer. */
export interface PlanEvaluation {
  /** By the declaration's canonical key. */
  results: Map<string, CheckResult>;
  startedAt: Date;
  finishedAt: Date;
  /** Why the checks could not look at all (no cluster configured, …). */
  error?: string;
}
