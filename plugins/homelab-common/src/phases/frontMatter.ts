import { parseDocument } from 'yaml';
import type { FieldLine } from './fields';

export interface FrontMatter {
  /** Top-level keys with a text value (a list is joined with ", "). */
  fields: FieldLine[];
  /** Why the front matter could not be read, naming its line in the file. */
  problem?: string;
  /** The document after the front matter. */
  body: string;
}

// Front matter is a YAML document between a `---` line at the very start and
// the next `---` (or `...`) line, as GitHub and Jekyll read it.
const FRONT_MATTER =
  /^---[ \t]*(?:\r\n|\r|\n)([\s\S]*?)(?:^|\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/;

function textValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return value.map(v => v.trim()).join(', ');
  }
  return undefined;
}

/**
 * Splits YAML front matter off a plan and reads its keys. The failsafe
 * schema keeps every scalar as written (`target: 1.10` stays "1.10") while
 * quotes and block scalars are read as YAML defines them.
 */
export function readFrontMatter(text: string): FrontMatter {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { fields: [], body: text };
  const body = text.slice(m[0].length);
  const doc = parseDocument(m[1], { schema: 'failsafe' });
  const error = doc.errors[0];
  if (error) {
    // +1 for the opening `---` line.
    const line = (error.linePos?.[0].line ?? 1) + 1;
    const reason = error.message
      .split('\n')[0]
      .replace(/ at line \d+, column \d+:?$/, '');
    return {
      fields: [],
      body,
      problem: `The front matter is not valid YAML at line ${line}: ${reason}. Fix it or remove the --- lines around it`,
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { fields: [], body };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      fields: [],
      body,
      problem:
        'The front matter is not a set of "key: value" lines (line 2); write it as status: In Progress, title: ...',
    };
  }
  const fields: FieldLine[] = [];
  for (const [label, value] of Object.entries(data)) {
    const written = textValue(value);
    if (written !== undefined) fields.push({ label, value: written });
  }
  return { fields, body };
}
