/** A "Label: value" line, as in `**Status:** Complete` or `- **Target:** v0.20.0`. */
export interface FieldLine {
  label: string;
  value: string;
}

const FIELD_LINE = /^\s*([A-Za-z][A-Za-z0-9 /&_-]{0,40}?)\s*[:：]\s*(.*)$/;

export function fieldLine(line: string): FieldLine | undefined {
  const m = FIELD_LINE.exec(line);
  return m ? { label: m[1].trim(), value: m[2].trim() } : undefined;
}

export const STATUS_LABEL =
  /^(?:(?:overall|current|migration|project|phase|plan)\s+)?status$/i;
export const PROGRESS_LABEL = /^progress$/i;
export const TARGET_LABEL = /^target(?:\s+(?:version|release))?$/i;
export const PREREQUISITE_LABEL = /^(?:pre-?requisites?|depends\s+on)$/i;

/** Splits on commas and semicolons that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if ((ch === ',' || ch === ';') && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** What people write in a Prerequisite field when there is none. */
const NO_PREREQUISITE = /^(none|n\/a|-|—)\.?$/i;

/**
 * Prerequisites named in a field or list item: the ids of the phases it
 * names ("Phase 4.23 complete" -> "4.23"), or its own text when it names none.
 */
export function prerequisiteEntries(text: string): string[] {
  const entries: string[] = [];
  for (const part of splitTopLevel(text)) {
    const ids = [...part.matchAll(/\bphases?\s+(\d+(?:\.\d+)*)/gi)].map(
      m => m[1],
    );
    const raw = part.replace(/\s+/g, ' ').trim();
    if (ids.length) entries.push(...ids);
    else if (raw && !NO_PREREQUISITE.test(raw)) entries.push(raw);
  }
  return entries;
}
