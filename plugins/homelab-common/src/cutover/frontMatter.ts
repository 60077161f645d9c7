import { parseDocument } from 'yaml';

// A YAML document between a `---` line at the very start and the next `---`
// or `...` line, as GitHub reads front matter.
const FRONT_MATTER =
  /^---[ \t]*(?:\r\n|\r|\n)([\s\S]*?)(?:^|\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|$)/;

export interface CutoverFrontMatter {
  /** The document with the front matter blanked out, so lines keep their numbers. */
  body: string;
  /** The `cutover:` key: the heading of the cutover section. */
  cutover?: string;
  /** Line of the `cutover:` key in the file. */
  cutoverLine?: number;
  problem?: { line: number; message: string };
}

/** Reads the `cutover` key of the front matter; the rest is the phase parser's business. */
export function readCutoverFrontMatter(text: string): CutoverFrontMatter {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { body: text };
  const body = m[0].replace(/[^\r\n]/g, '') + text.slice(m[0].length);
  const doc = parseDocument(m[1], { schema: 'failsafe' });
  if (doc.errors.length) return { body }; // reported by the phase parser
  const data: unknown = doc.toJS();
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { body };
  const value = (data as Record<string, unknown>).cutover;
  if (value === undefined) return { body };
  const line =
    m[1].split(/\r\n|\r|\n/).findIndex(l => /^cutover\s*:/.test(l)) + 2;
  if (typeof value !== 'string' || !value.trim()) {
    return {
      body,
      problem: {
        line,
        message:
          'front matter cutover: must be the text of the cutover section\'s heading, e.g. cutover: "4.24.5 Cutover"',
      },
    };
  }
  return { body, cutover: value.trim(), cutoverLine: line };
}
