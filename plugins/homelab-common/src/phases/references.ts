import type { Nodes, Root, RootContent } from 'mdast';

/** A link or footnote definition, as a line that defines the same label. */
interface Definition {
  key: string;
  line: string;
}

// micromark's normalizeIdentifier, then lower case as mdast stores it.
const normalize = (label: string) =>
  label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();

function definitionsIn(nodes: RootContent[]): Definition[] {
  const found: Definition[] = [];
  const stack: Nodes[] = [...nodes];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'definition' && node.label) {
      found.push({ key: normalize(node.label), line: `[${node.label}]: #` });
    } else if (node.type === 'footnoteDefinition' && node.label) {
      found.push({
        key: `^${normalize(node.label)}`,
        line: `[^${node.label}]: #`,
      });
    }
    if ('children' in node) stack.push(...node.children);
  }
  return found;
}

/** Labels written in brackets in `text` that might refer to a definition. */
function labelsIn(text: string): Set<string> {
  const labels = new Set<string>();
  for (const m of text.matchAll(/\[((?:[^[\]\\]|\\.){1,999})\]/gs)) {
    const label = m[1].startsWith('^')
      ? `^${normalize(m[1].slice(1))}`
      : normalize(m[1]);
    labels.add(label);
  }
  return labels;
}

export interface Piece {
  source: string;
  /** The piece's blocks, positions already in document coordinates. */
  nodes: RootContent[];
  /** Parses the piece again with extra lines after it (their blocks left out). */
  reparse(extra: string): RootContent[];
}

/**
 * In one parse of the whole document a reference resolves against a
 * definition anywhere in it; a piece only sees its own. Pieces that use a
 * label defined in another piece are parsed again with that definition
 * appended after a blank line, which ends any open block but fenced code or
 * a raw HTML block (pieces ending in those are left as they are).
 */
export function resolveAcrossPieces(pieces: Piece[], root: Root): void {
  const all = new Map<string, string>();
  const own = pieces.map(p => definitionsIn(p.nodes));
  for (const defs of own) {
    for (const d of defs) if (!all.has(d.key)) all.set(d.key, d.line);
  }
  pieces.forEach((piece, i) => {
    if (!all.size || !piece.source.includes(']')) {
      root.children.push(...piece.nodes);
      return;
    }
    const mine = new Set(own[i].map(d => d.key));
    const missing = [...labelsIn(piece.source)]
      .filter(label => !mine.has(label) && all.has(label))
      .map(label => all.get(label)!);
    const last = piece.nodes[piece.nodes.length - 1];
    const endsOpen = last?.type === 'code' || last?.type === 'html';
    root.children.push(
      ...(missing.length && !endsOpen
        ? piece.reparse(missing.join('\n'))
        : piece.nodes),
    );
  });
}
