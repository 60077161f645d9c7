/** One page of a runbook: the entity whose TechDocs hold it and the page path inside them. */
export interface RunbookRef {
  entityRef: string;
  path: string;
}

/** An entry of a runbooks annotation that could not be used, and why. */
export interface RunbookRefProblem {
  entry: string;
  message: string;
}

/** Where a phase (or plan) stands, after normalising the many ways people write it. */
export type PhaseStatus =
  | 'planned'
  | 'in-progress'
  | 'complete'
  | 'blocked'
  | 'unknown';

/** 'declared': the author wrote a status; 'derived': it was worked out from the checkboxes. */
export type StatusSource = 'declared' | 'derived';

export interface TaskCounts {
  done: number;
  open: number;
}

export interface ChecklistItem {
  text: string;
  checked: boolean;
}

export type PhaseDriftKind =
  | 'complete-with-open-tasks'
  | 'planned-with-done-tasks'
  | 'progress-mismatch'
  | 'unknown-status'
  | 'invalid-front-matter';

/** A place where what the plan says disagrees with its own checkboxes. */
export interface PhaseDrift {
  kind: PhaseDriftKind;
  message: string;
  /** Title of the section the drift was found in; absent for the plan as a whole. */
  section?: string;
}

/**
 * One heading of the plan and everything up to the next heading of the same
 * or a shallower depth, so counts and items include its subsections.
 */
export interface PhaseSection {
  title: string;
  depth: number;
  /** Set only on sections that are phases of their own ("Phase 2: ...", "4.23.1 ...", or a status in the heading). */
  phaseId?: string;
  status?: PhaseStatus;
  declaredStatus?: string;
  statusSource?: StatusSource;
  tasks: TaskCounts;
  /** Task-list items; depth 0 is a top-level list, 1 a list nested in it, and so on. */
  items: (ChecklistItem & { depth: number })[];
}

export interface PhaseProgress {
  percent?: number;
  done?: number;
  total?: number;
}

export interface PhasePlan {
  file?: string;
  title: string;
  phaseId?: string;
  status: PhaseStatus;
  /** The status text as the author wrote it, e.g. "🚧 In Progress (90% Complete)". */
  declaredStatus?: string;
  statusSource: StatusSource;
  /** Progress the author declared ("7/10", "90%"); the counted tasks are in `tasks`. */
  progress?: PhaseProgress;
  tasks: TaskCounts;
  sections: PhaseSection[];
  /** Phase ids ("4.23") of prerequisite phases, or the raw text when it names no phase. */
  prerequisites: string[];
  targetVersion?: string;
  verification?: { title: string; items: ChecklistItem[] };
  rollback?: { title: string; markdown: string };
  drift: PhaseDrift[];
}
