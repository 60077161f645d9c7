import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Root } from 'mdast';
import { parseInPieces } from './chunks';

// All of GFM, as GitHub renders the plan: tables and footnote definitions
// are blocks that change where lists end, strikethrough changes task text.
const processor = unified().use(remarkParse).use(remarkGfm);

/**
 * Parses the document piece by piece (see parseInPieces) into one tree.
 * Pieces of a few KiB keep micromark's per-parse cost small and its
 * superlinear cost within a piece bounded.
 */
export function parseMarkdown(markdown: string, minPiece = 4096): Root {
  return parseInPieces(markdown, text => processor.parse(text), minPiece);
}

/**
 * Plain text of a node with hard breaks as newlines. Iterative, so deeply
 * nested inline markup cannot overflow the stack.
 */
export function textOf(node: Nodes): string {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'break') out.push('\n');
    else if ('value' in current && current.type !== 'html') {
      out.push(current.value);
    } else if ('children' in current) {
      for (let i = current.children.length - 1; i >= 0; i--) {
        stack.push(current.children[i]);
      }
    }
  }
  return out.join('');
}

export interface Visit {
  node: Nodes;
  /** Number of list items this node sits in. */
  listDepth: number;
  /** True inside a task-list item (a paragraph there is a task, not a field). */
  inTask: boolean;
}

/** Every block-level descendant of `nodes` in document order, iteratively. */
export function* walkBlocks(nodes: Nodes[]): Generator<Visit> {
  const stack: Visit[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    stack.push({ node: nodes[i], listDepth: 0, inTask: false });
  }
  while (stack.length) {
    const visit = stack.pop()!;
    yield visit;
    const { node } = visit;
    if (['paragraph', 'heading', 'table'].includes(node.type)) continue;
    if (!('children' in node)) continue;
    const isItem = node.type === 'listItem';
    const childVisit = {
      listDepth: visit.listDepth + (isItem ? 1 : 0),
      inTask: visit.inTask || (isItem && typeof node.checked === 'boolean'),
    };
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i], ...childVisit });
    }
  }
}
