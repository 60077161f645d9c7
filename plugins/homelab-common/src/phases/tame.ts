// micromark's time grows with the square of two things that real plans never
// have much of: containers opened on one line and emphasis delimiters in one
// paragraph. These caps keep parse time linear on hostile input; neither
// changes which lines are list items, so task counts stay exact.
const MAX_NESTING = 32;
const MAX_DELIMITERS_PER_RUN = 2000;

const CONTAINER_PREFIX = /^(?:[ \t]{0,3}(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))+/;
const CONTAINER_MARKER = /[ \t]{0,3}(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))/g;
// Whitespace, `>` and list markers before a line's text.
const LEAD = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*/;
const STARTS_BLOCK =
  /(?:^|[ \t])(?:[-*+]|\d{1,9}[.)])[ \t]*$|^#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

function capNesting(line: string): string {
  const prefix = CONTAINER_PREFIX.exec(line)?.[0];
  if (!prefix) return line;
  const markers = prefix.match(CONTAINER_MARKER) ?? [];
  if (markers.length <= MAX_NESTING) return line;
  return markers.slice(0, MAX_NESTING).join('') + line.slice(prefix.length);
}

/** Escapes `*` and `_` in a line's text, leaving its markers and a thematic break alone. */
function escapeLine(line: string): string {
  const lead = LEAD.exec(line)![0];
  const text = line.slice(lead.length);
  if (THEMATIC_BREAK.test(text)) return line;
  return (
    lead + text.replace(/\\[\s\S]|[*_]/g, m => (m.length > 1 ? m : `\\${m}`))
  );
}

const delimiters = (line: string) => line.replace(/[^*_]/g, '').length;

/**
 * Flattens containers nested deeper than 32 on one line, and turns emphasis
 * off in runs of lines (a paragraph, roughly: up to a blank line, heading or
 * list item) holding more than 2000 `*` or `_`. Ordinary plans come through
 * unchanged.
 */
export function tameMarkdown(markdown: string): string {
  const lines = markdown.split('\n').map(capNesting);
  let runStart = 0;
  let count = 0;
  const endRun = (end: number) => {
    if (count > MAX_DELIMITERS_PER_RUN) {
      for (let i = runStart; i < end; i++) lines[i] = escapeLine(lines[i]);
    }
    runStart = end;
    count = 0;
  };
  lines.forEach((line, i) => {
    const lead = LEAD.exec(line)![0];
    if (
      /^[ \t]*$/.test(line) ||
      STARTS_BLOCK.test(lead) ||
      /^#{1,6}(?:[ \t]|$)/.test(line.slice(lead.length))
    ) {
      endRun(i);
    }
    count += delimiters(line);
  });
  endRun(lines.length);
  return lines.join('\n');
}
