import type { PhasePlan, PhaseSection } from '@internal/plugin-homelab-common';

/**
 * A section's items include those of its subsections. The section's own
 * content comes before its first subsection heading, so its own items are the
 * first ones, as many as are left after its direct subsections take theirs.
 */
export function ownItems(
  sections: PhaseSection[],
  index: number,
): PhaseSection['items'] {
  const section = sections[index];
  let inChildren = 0;
  let shallowest = Infinity;
  for (
    let k = index + 1;
    k < sections.length && sections[k].depth > section.depth;
    k++
  ) {
    // Direct subsection: no section between it and `section` is shallower than it.
    if (sections[k].depth <= shallowest) {
      inChildren += sections[k].items.length;
      shallowest = sections[k].depth;
    }
  }
  return section.items.slice(0, Math.max(0, section.items.length - inChildren));
}

export interface ChecklistSection {
  section: PhaseSection;
  /** 0 for the shallowest heading shown. */
  level: number;
  items: PhaseSection['items'];
}

/** Sections that hold tasks, in document order, without the verification and rollback sections shown on their own. */
export function checklistSections(plan: PhasePlan): ChecklistSection[] {
  const skip = new Set(
    [plan.verification?.title, plan.rollback?.title].filter(Boolean),
  );
  const shown = plan.sections
    .map((section, i) => ({ section, items: ownItems(plan.sections, i) }))
    .filter(s => s.section.items.length > 0 && !skip.has(s.section.title));
  const top = Math.min(...shown.map(s => s.section.depth));
  return shown.map(s => ({ ...s, level: s.section.depth - top }));
}

/** A cutover section is in progress once a task of it is done and another still open. */
export function cutoverInProgress(plan: PhasePlan): boolean {
  return plan.sections.some(
    s => /cut-?over/i.test(s.title) && s.tasks.done > 0 && s.tasks.open > 0,
  );
}
