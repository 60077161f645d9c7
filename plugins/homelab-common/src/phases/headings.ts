import type { PhaseStatus } from '../types';
import { statusEmojiIn, statusOnly } from './status';

// "Phase 2: ...", "Stage 3 - ...", "Phase 4.23 (Done)", "Phase 1" but not
// "Phase 0 Verification Checklist", which is a part of phase 0.
const PHASE_HEADING =
  /^(?:phase|stage)\s+(\d+(?:\.\d+)*[a-z]?)(?=\s*(?:[:.)\-–—([]|$))/i;
// "4.23.1 Research": a dotted number, as in numbered task groups.
const NUMBERED_HEADING = /^(\d+(?:\.\d+)+)\.?\s+\S/;

export function phaseIdOf(headingText: string): string | undefined {
  const text = headingText.trim();
  return (PHASE_HEADING.exec(text) ?? NUMBERED_HEADING.exec(text))?.[1];
}

export interface DeclaredStatus {
  status: PhaseStatus;
  /** The text the status was read from. */
  text: string;
}

/**
 * A status written into a heading: "(Completed ✅)", "[Done]", "— In
 * Progress", or a status emoji anywhere ("Phase 2 ✅").
 */
export function headingStatus(headingText: string): DeclaredStatus | undefined {
  const text = headingText.trim();
  const group = /[([]([^()[\]]*)[)\]]\s*$/.exec(text);
  const candidates = [group?.[1], /\s[-–—]\s+([^-–—]+)$/.exec(text)?.[1]];
  for (const candidate of candidates) {
    const status = candidate && statusOnly(candidate);
    if (status) return { status, text: candidate.trim() };
  }
  const emoji = statusEmojiIn(text);
  return emoji ? { status: emoji, text } : undefined;
}
