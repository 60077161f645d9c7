import type { PhasePlan } from '../types';
import type { OutlineSection } from './outline';

/**
 * Among the sections whose title matches, prefer one that is not a phase of
 * its own ("Rollback Plan" over "Phase 7: Cutover & Rollback"), then the
 * first in the document.
 */
function pick(
  sections: OutlineSection[],
  title: RegExp,
  usable: (s: OutlineSection) => boolean = () => true,
): OutlineSection | undefined {
  const matching = sections.filter(s => title.test(s.title));
  return (
    matching.find(s => !s.phase && usable(s)) ??
    matching.find(usable) ??
    matching[0]
  );
}

export function pickVerification(
  sections: OutlineSection[],
): Pick<PhasePlan, 'verification'> {
  const section = pick(
    sections,
    /verification|validation/i,
    s => s.items.length > 0,
  );
  if (!section) return {};
  return {
    verification: {
      title: section.title,
      items: section.items.map(({ text, checked }) => ({ text, checked })),
    },
  };
}

export function pickRollback(
  sections: OutlineSection[],
  source: string,
): Pick<PhasePlan, 'rollback'> {
  const section = pick(sections, /roll\s*-?back/i);
  if (!section) return {};
  const start = section.heading.position?.end.offset ?? section.end;
  return {
    rollback: {
      title: section.title,
      markdown: source.slice(start, section.end).trim(),
    },
  };
}
