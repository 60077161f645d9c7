// micromark's time grows with the square of two things that real plans never
// have much of: container nesting on one line and emphasis delimiters in one
// paragraph. These caps keep parse time linear on hostile input.
const MAX_NESTING = 32;
const MAX_DELIMITERS_PER_BLOCK = 2000;

const CONTAINER_PREFIX = /^(?:[ \t]{0,3}(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))+/;
const CONTAINER_MARKER = /[ \t]{0,3}(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))/g;

function capNesting(line: string): string {
  const prefix = CONTAINER_PREFIX.exec(line)?.[0];
  if (!prefix) return line;
  const markers = prefix.match(CONTAINER_MARKER) ?? [];
  if (markers.length <= MAX_NESTING) return line;
  return markers.slice(0, MAX_NESTING).join('') + line.slice(prefix.length);
}

function escapeDelimiters(block: string): string {
  let count = 0;
  for (const ch of block) if (ch === '*' || ch === '_') count++;
  return count > MAX_DELIMITERS_PER_BLOCK
    ? block.replace(/[*_]/g, ch => `\\${ch}`)
    : block;
}

/**
 * Flattens container nesting deeper than 32 levels and turns emphasis off in
 * blocks (text between blank lines) holding more than 2000 `*` or `_`.
 * Ordinary plans come through unchanged.
 */
export function tameMarkdown(markdown: string): string {
  const capped = markdown.split('\n').map(capNesting).join('\n');
  // The capture group keeps the blank lines, so only odd parts are separators.
  return capped
    .split(/(\n[ \t]*\n)/)
    .map((part, i) => (i % 2 ? part : escapeDelimiters(part)))
    .join('');
}
