import type { RootContent } from 'mdast';

/**
 * The two kinds of leaf block that a line at column 0 does not end: fenced
 * code and HTML blocks at document level (CommonMark 4.5, 4.6). Inside a
 * container they end with it, because a line that does not continue the
 * container is never lazy continuation of code or HTML.
 */
export type OpenLeaf =
  | { kind: 'fence'; char: string; length: number }
  | { kind: 'html'; end: RegExp }
  | { kind: 'html'; end: 'blank' };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;

// Start conditions 1-5 and the text that ends each; 6 and 7 end at a blank line.
const HTML_KINDS: [RegExp, RegExp, number][] = [
  [/^<(?:script|pre|style|textarea)(?=[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i, 1],
  [/^<!--/, /-->/, 4],
  [/^<\?/, /\?>/, 2],
  [/^<![A-Za-z]/, />/, 2],
  [/^<!\[CDATA\[/, /\]\]>/, 9],
]; // prettier-ignore

export function fenceOpenedBy(line: string) {
  const m = FENCE_OPEN.exec(line);
  if (!m || (m[1][0] === '`' && m[2].includes('`'))) return undefined;
  return { char: m[1][0], length: m[1].length };
}

function closes(line: string, fence: { char: string; length: number }) {
  const m = FENCE_CLOSE.exec(line);
  return !!m && m[1][0] === fence.char && m[1].length >= fence.length;
}

function htmlKind(firstLine: string): { end: RegExp | 'blank'; from: number } {
  const text = firstLine.replace(/^ {0,3}/, '');
  const indent = firstLine.length - text.length;
  for (const [start, end, skip] of HTML_KINDS) {
    if (start.test(text)) return { end, from: indent + skip };
  }
  return { end: 'blank', from: 0 };
}

/** Lines of a piece of the document, as the parser counts them. */
export interface Lines {
  count: number;
  text(line: number): string;
  /** Offset of the line's first character; `count` gives the end of input. */
  start(line: number): number;
}

/**
 * Whether `node`, the last top-level block of a piece that ends before line
 * `next`, is still open, so `next` would be its content. Errs towards
 * "open": that only costs a larger piece.
 */
export function openLeaf(
  node: RootContent,
  lines: Lines,
  source: string,
): OpenLeaf | undefined {
  const start = node.position!.start;
  const end = node.position!.end;
  const first = lines.text(start.line - 1);
  if (node.type === 'code') {
    const fence = fenceOpenedBy(first);
    if (!fence) return undefined; // indented code: ended by any unindented line
    const last = lines.text(end.line - 1);
    const closed = end.line > start.line && closes(last, fence);
    return closed ? undefined : { kind: 'fence', ...fence };
  }
  if (node.type !== 'html') return undefined;
  const kind = htmlKind(first);
  const text = source.slice(start.offset!, end.offset!);
  if (kind.end === 'blank') {
    const after = source.slice(end.offset!);
    return /^(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r|\n)/.test(after)
      ? undefined
      : { kind: 'html', end: 'blank' };
  }
  const startColumn = start.column - 1;
  const body = text.slice(Math.max(0, kind.from - startColumn));
  return kind.end.test(body) ? undefined : { kind: 'html', end: kind.end };
}

/** The first line after `leaf` (opened on line `from`) has ended, or `lines.count`. */
export function lineAfter(leaf: OpenLeaf, lines: Lines, from: number): number {
  for (let i = from + 1; i < lines.count; i++) {
    const text = lines.text(i);
    if (leaf.kind === 'fence') {
      if (closes(text, leaf)) return i + 1;
    } else if (leaf.end === 'blank') {
      if (BLANK.test(text)) return i;
    } else if (leaf.end.test(text)) {
      return i + 1;
    }
  }
  return lines.count;
}
