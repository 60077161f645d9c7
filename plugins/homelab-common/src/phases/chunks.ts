import type { Nodes, Root, RootContent } from 'mdast';
import { lineAfter, openLeaf, type Lines } from './leaves';
import { resolveAcrossPieces, type Piece } from './references';

// Lines at column 0 that end every open container and paragraph: an ATX
// heading, or a list item with content (not a thematic break, which wins over
// a bullet). Each one closes whatever is open, except a document-level fenced
// code or HTML block, which the piece's own parse reports (see openLeaf).
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const BULLET = /^[-*+][ \t]+\S/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// An ordered item numbered other than 1 does not interrupt a paragraph (nor,
// in micromark, indented code or a table), so it ends a piece only when the
// piece ends inside a container: then the line starts a sibling or a new list.
const ORDERED = /^\d{1,9}[.)][ \t]+\S/;
// micromark keeps "interrupting a paragraph" for every container opened on
// the line, so `- 2) x` after a paragraph is one item, not two nested ones.
const NESTED_START = /^[-*+][ \t]+(?:[>\d]|[-*+](?:[ \t]|$))/;
const CONTAINERS = new Set(['list', 'blockquote', 'footnoteDefinition']);

type Candidate = 'always' | 'after-container';

function candidate(line: string, ordered: boolean): Candidate | undefined {
  let kind: Candidate | undefined;
  if (HEADING.test(line)) kind = 'always';
  else if (BULLET.test(line) && !THEMATIC_BREAK.test(line)) {
    kind = NESTED_START.test(line) ? 'after-container' : 'always';
  } else if (ORDERED.test(line)) kind = 'after-container';
  return kind === 'after-container' && !ordered ? undefined : kind;
}

/** Lines split the way micromark splits them (CR, LF or CRLF). */
export function linesOf(markdown: string): Lines {
  const starts = [0];
  const ends: number[] = [];
  const eol = /\r\n|\r|\n/g;
  for (let m = eol.exec(markdown); m; m = eol.exec(markdown)) {
    ends.push(m.index);
    starts.push(m.index + m[0].length);
  }
  ends.push(markdown.length);
  return {
    count: starts.length,
    text: line => markdown.slice(starts[line], ends[line]),
    start: line => (line < starts.length ? starts[line] : markdown.length),
  };
}

function shiftPositions(nodes: RootContent[], line: number, offset: number) {
  const stack: Nodes[] = [...nodes];
  while (stack.length) {
    const node = stack.pop()!;
    for (const point of [node.position?.start, node.position?.end]) {
      if (point) {
        point.line += line;
        if (point.offset !== undefined) point.offset += offset;
      }
    }
    if ('children' in node) stack.push(...node.children);
  }
}

/**
 * Parses the document piece by piece and joins the pieces' blocks into one
 * tree, the same tree (up to link references across pieces) that one parse
 * of the whole gives. A piece ends before a line that closes every open
 * block (see `candidate`); when the piece's parse shows a block still open
 * there, the piece restarts at that block and runs past its end.
 *
 * micromark's time grows faster than linearly with the number of nested
 * containers in one parse; pieces keep it linear for plans made of sections
 * and top-level items. Every line is parsed a bounded number of times: up
 * to three around ordered items a piece cannot end at, once more when a
 * fence or HTML block was open, once more when it uses a link defined in
 * another piece.
 */
export function parseInPieces(
  markdown: string,
  parse: (text: string) => Root,
  /** Characters a piece holds at least before it may end (each parse has a fixed cost). */
  minPiece = 0,
): Root {
  const lines = linesOf(markdown);
  const pieces: Piece[] = [];
  const piece = (from: number, to: number, nodes: RootContent[]) => {
    const source = markdown.slice(lines.start(from), lines.start(to));
    const end = source.length;
    pieces.push({
      source,
      nodes,
      reparse(extra) {
        const gap = /(?:\r\n|\r|\n)$/.test(source) ? '\n' : '\n\n';
        const again = parse(`${source}${gap}${extra}\n`).children.filter(
          n => n.position!.start.offset! < end,
        );
        shiftPositions(again, from, lines.start(from));
        return again;
      },
    });
  };
  let from = 0;
  let searchFrom = 1;
  let ordered = true;
  let retried = false;
  for (;;) {
    let to = searchFrom;
    const least = lines.start(from) + minPiece;
    while (
      to < lines.count &&
      (lines.start(to) < least || !candidate(lines.text(to), ordered))
    ) {
      to++;
    }
    const source = markdown.slice(lines.start(from), lines.start(to));
    const part = parse(source);
    shiftPositions(part.children, from, lines.start(from));
    if (to >= lines.count) {
      piece(from, to, part.children);
      const root: Root = { type: 'root', children: [] };
      resolveAcrossPieces(pieces, root);
      return root;
    }
    const last = part.children[part.children.length - 1];
    const leaf = last && openLeaf(last, lines, markdown);
    const unsafe =
      !!leaf ||
      (candidate(lines.text(to), true) === 'after-container' &&
        !(last && CONTAINERS.has(last.type)));
    if (!unsafe) {
      piece(from, to, part.children);
      from = to;
      searchFrom = to + 1;
      ordered = true;
    } else if (leaf) {
      // Everything before the open block is final: the block starts at
      // document level, so its first line closed all that came before. The
      // piece restarts at that line and runs past the block's end.
      const start = last!.position!.start.line - 1;
      piece(from, start, part.children.slice(0, -1));
      from = start;
      searchFrom = Math.max(to + 1, lineAfter(leaf, lines, start));
      ordered = true;
    } else {
      // How micromark reads an ordered item after a document-level block
      // depends on the state it carries over from earlier lines, so the
      // piece runs on: to the next ordered item (after "Steps:", the next
      // item follows a list and is safe), and when that one is not safe
      // either (a paragraph of lines like "14. ..."), to the next heading
      // or bullet, so the same lines are not parsed again and again.
      searchFrom = to + 1;
      ordered = !retried;
      retried = true;
      continue;
    }
    retried = false;
  }
}
