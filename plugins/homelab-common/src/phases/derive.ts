import type {
  PhaseDrift,
  PhaseProgress,
  PhaseStatus,
  TaskCounts,
} from '../types';

/** Status from checkboxes alone: all done is complete, none done planned. */
export function statusFromTasks({ done, open }: TaskCounts): PhaseStatus {
  if (done + open === 0) return 'unknown';
  if (open === 0) return 'complete';
  return done === 0 ? 'planned' : 'in-progress';
}

/** Status of a plan with no checkboxes, from the statuses of its phases. */
export function statusFromPhases(statuses: PhaseStatus[]): PhaseStatus {
  const known = statuses.filter(s => s !== 'unknown');
  if (!known.length) return 'unknown';
  const first = known[0];
  return known.every(s => s === first) ? first : 'in-progress';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Where a declared status or progress disagrees with the counted checkboxes. */
export function findDrift(
  declared: PhaseStatus | undefined,
  progress: PhaseProgress | undefined,
  tasks: TaskCounts,
  section?: string,
): PhaseDrift[] {
  const drift: PhaseDrift[] = [];
  const where = section ? `"${section}"` : 'The plan';
  const extra = section ? { section } : {};
  if (declared === 'complete' && tasks.open > 0) {
    drift.push({
      kind: 'complete-with-open-tasks',
      message: `${where} is marked complete but ${plural(tasks.open, 'task')} ${
        tasks.open === 1 ? 'is' : 'are'
      } still open; tick ${
        tasks.open === 1 ? 'it' : 'them'
      } or change the status`,
      ...extra,
    });
  }
  if (declared === 'planned' && tasks.done > 0) {
    drift.push({
      kind: 'planned-with-done-tasks',
      message: `${where} is marked planned but ${plural(tasks.done, 'task')} ${
        tasks.done === 1 ? 'is' : 'are'
      } already done; mark it in progress`,
      ...extra,
    });
  }
  const total = tasks.done + tasks.open;
  if (progress && total > 0) {
    const counted = Math.round((tasks.done / total) * 100);
    const countedText = `${tasks.done}/${total} tasks (${counted}%) are ticked`;
    if (
      progress.total !== undefined &&
      (progress.done !== tasks.done || progress.total !== total)
    ) {
      drift.push({
        kind: 'progress-mismatch',
        message: `${where} declares ${progress.done}/${progress.total} but ${countedText}`,
        ...extra,
      });
    } else if (
      progress.total === undefined &&
      progress.percent !== undefined &&
      Math.abs(progress.percent - counted) > 10
    ) {
      drift.push({
        kind: 'progress-mismatch',
        message: `${where} declares ${progress.percent}% but ${countedText}`,
        ...extra,
      });
    }
  }
  return drift;
}
