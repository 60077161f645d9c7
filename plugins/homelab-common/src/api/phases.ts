import type { PhasePlan, PhaseSection, PhaseStatus } from '../types';

// The JSON of the homelab backend's phase routes (GET /api/homelab/phases and
// /phases/:id), shared by the backend that answers and the frontend that reads.

/** A prerequisite of a plan and, when it names a known phase, where that phase stands. */
export interface ResolvedPrerequisite {
  /** As written: a phase id ("4.23") or free text. */
  text: string;
  phaseId?: string;
  status?: PhaseStatus;
  /** Id of the plan that holds the phase. */
  planId?: string;
  title?: string;
  /** false while a known phase is not complete; undefined when the text names no known phase. */
  satisfied?: boolean;
}

/** One phase inside a plan (a section with a phase id). */
export interface PlanPhase
  extends Pick<PhaseSection, 'title' | 'status' | 'tasks'> {
  phaseId: string;
}

/** A row of `GET /phases`: the parsed plan's own fields, without its sections. */
export interface PhasePlanSummary
  extends Pick<
    PhasePlan,
    | 'title'
    | 'phaseId'
    | 'status'
    | 'statusSource'
    | 'declaredStatus'
    | 'tasks'
    | 'progress'
    | 'drift'
  > {
  id: string;
  /** Repository-relative path or URL. */
  file: string;
  prerequisites: ResolvedPrerequisite[];
  /** Entities whose `homelab.dev/phase-plan` points at this plan. */
  entityRefs: string[];
  phases: PlanPhase[];
  /** Set while the plan exists only on a scaffold branch of the GitOps repository. */
  proposed?: PhasePlanProposal;
}

/** Where a plan not yet on the base branch is proposed. */
export interface PhasePlanProposal {
  /** The branch on the GitOps remote, e.g. `scaffold/paperless`. */
  branch: string;
  /** Its open pull request, when the forge has one. */
  pullRequest?: { number: number; url: string };
}

/** A plan that could not be read, and why. */
export interface PhasePlanProblem {
  source: string;
  message: string;
}

export interface PhasePlanList {
  plans: PhasePlanSummary[];
  problems: PhasePlanProblem[];
}

/** `GET /phases/:id`: the summary plus the full parsed plan with its sections. */
export interface PhasePlanDetail extends PhasePlanSummary {
  plan: PhasePlan;
}
