import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { cutoverInProgress } from '@internal/plugin-homelab-common';
import { evaluatePlan } from './evaluatePlan';
import type { PlanCutover, PlanEvaluation } from './runnerTypes';
import type { CheckResult, CutoverReaders } from './types';

export interface CutoverRunnerOptions {
  readers: CutoverReaders;
  /** The plans with a cutover section, read with the backend's own credentials. */
  plans: () => Promise<PlanCutover[]>;
  /** `homelab.cutover.interval`: scheduled evaluations while a cutover is in progress. */
  intervalMs: number;
  /** `homelab.cutover.minGap`: one plan's checks run at most once per window of this length. */
  minGapMs: number;
  logger: LoggerService;
  /** Set when the checks cannot look at all, e.g. no cluster configured. */
  unavailable?: string;
  now?: () => Date;
}

/**
 * Runs the checks of the plans' cutover sections and keeps the results in
 * memory for every viewer. Scheduled ticks evaluate only plans whose cutover
 * is in progress; a request evaluates one plan now. Either way one plan has
 * at most one evaluation running (later callers share it) and at most one
 * starts per `minGapMs` window, so viewers never multiply calls to the
 * cluster or Ollama.
 */
export class CutoverRunner {
  private readonly evaluations = new Map<string, PlanEvaluation>();
  private readonly running = new Map<string, Promise<PlanEvaluation>>();
  private lastTickAt?: Date;

  constructor(private readonly options: CutoverRunnerOptions) {}

  get intervalSeconds(): number {
    return this.options.intervalMs / 1000;
  }

  /** The scheduled run: every plan whose cutover is in progress, nothing otherwise. */
  async tick(): Promise<void> {
    this.lastTickAt = this.now();
    let plans: PlanCutover[];
    try {
      plans = await this.options.plans();
    } catch (error) {
      this.options.logger.warn(
        `Cutover checks: the phase plans could not be read: ${message(error)}`,
      );
      return;
    }
    await Promise.all(
      plans.filter(p => cutoverInProgress(p.cutover)).map(p => this.check(p)),
    );
  }

  /** Evaluates one plan now, unless an evaluation is running or one already started in this window of `minGapMs`. */
  check(plan: PlanCutover): Promise<PlanEvaluation> {
    const running = this.running.get(plan.id);
    if (running) return running;
    const last = this.evaluations.get(plan.id);
    if (last && this.window(last.startedAt) === this.window(this.now()))
      return Promise.resolve(last);
    const evaluation = this.evaluate(plan).finally(() =>
      this.running.delete(plan.id),
    );
    this.running.set(plan.id, evaluation);
    return evaluation;
  }

  /** The latest finished evaluation of a plan. */
  latest(planId: string): PlanEvaluation | undefined {
    return this.evaluations.get(planId);
  }

  /** When the scheduled evaluation of an in-progress plan is next due. */
  nextCheckAt(plan: PlanCutover): Date | undefined {
    if (!cutoverInProgress(plan.cutover) || !this.lastTickAt) return undefined;
    return new Date(this.lastTickAt.getTime() + this.options.intervalMs);
  }

  private async evaluate(plan: PlanCutover): Promise<PlanEvaluation> {
    const startedAt = this.now();
    const results = new Map<string, CheckResult>();
    let error = this.options.unavailable;
    try {
      for (const item of await evaluatePlan(plan.cutover, this.options.readers))
        for (const { key, ...result } of item.results) results.set(key, result);
    } catch (e) {
      error = `the checks of ${plan.file} could not run: ${message(e)}`;
      this.options.logger.warn(`Cutover checks: ${error}`);
    }
    error ??= nothingLooked(results);
    const evaluation = { results, startedAt, finishedAt: this.now(), error };
    this.evaluations.set(plan.id, evaluation);
    return evaluation;
  }

  /**
   * Evaluations are rationed per window of `minGapMs`, aligned to the clock,
   * rather than per gap since the last start: then one viewer asking once per
   * window causes as many evaluations as fifty asking all the time.
   */
  private window(at: Date): number {
    return Math.floor(at.getTime() / this.options.minGapMs);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function message(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

/** When not one check could look (the cluster and Ollama both unreachable, …), why. */
function nothingLooked(results: Map<string, CheckResult>): string | undefined {
  const all = [...results.values()];
  if (!all.length || all.some(r => r.status !== 'unknown')) return undefined;
  const reasons = [...new Set(all.map(r => r.evidence))];
  return `none of the checks could look: ${reasons.slice(0, 2).join('; ')}${
    reasons.length > 2 ? ` (and ${reasons.length - 2} more)` : ''
  }`;
}
