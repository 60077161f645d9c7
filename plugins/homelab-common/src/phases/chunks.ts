/** A piece of a markdown document and where it starts in the whole. */
export interface Chunk {
  text: string;
  offset: number;
  /** 0-based line number of the chunk's first line. */
  line: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_RAW_OPEN = /^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i;
// Lines that close every open container: an ATX heading or a bullet list
// item at column 0 (a new item closes the previous one anyway).
const BOUNDARY = /^(?:#{1,6}(?:[ \t]|$)|[-*+][ \t])/;

/**
 * Splits a document before every column-0 ATX heading or bullet item that is
 * not inside fenced code or a raw HTML block. Such a line closes all open
 * containers, so parsing the pieces one by one gives the same tree (except
 * that link reference definitions do not reach across pieces).
 *
 * micromark copies its whole event list each time a container closes, which
 * makes one parse of a long plan quadratic; parsing pieces keeps it linear.
 */
export function splitAtBoundaries(markdown: string): Chunk[] {
  const chunks: Chunk[] = [];
  let fence: { char: string; length: number } | undefined;
  let rawEnd: string | undefined;
  let start = 0;
  let startLine = 0;
  let offset = 0;
  let line = 0;
  while (offset <= markdown.length) {
    const newline = markdown.indexOf('\n', offset);
    const end = newline < 0 ? markdown.length : newline;
    const text = markdown.slice(offset, end);
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(text)?.[1];
      if (close && close[0] === fence.char && close.length >= fence.length) {
        fence = undefined;
      }
    } else if (rawEnd) {
      if (text.toLowerCase().includes(rawEnd)) rawEnd = undefined;
    } else {
      if (BOUNDARY.test(text) && offset > start) {
        chunks.push({
          text: markdown.slice(start, offset),
          offset: start,
          line: startLine,
        });
        start = offset;
        startLine = line;
      }
      const open = FENCE_OPEN.exec(text);
      const raw = HTML_RAW_OPEN.exec(text)?.[1]?.toLowerCase();
      if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
        fence = { char: open[1][0], length: open[1].length };
      } else if (raw && !text.toLowerCase().includes(`</${raw}>`)) {
        rawEnd = `</${raw}>`;
      } else if (/^ {0,3}<!--/.test(text) && !text.includes('-->')) {
        rawEnd = '-->';
      }
    }
    if (newline < 0) break;
    offset = newline + 1;
    line++;
  }
  chunks.push({ text: markdown.slice(start), offset: start, line: startLine });
  return chunks;
}
