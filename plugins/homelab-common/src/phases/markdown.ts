import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Nodes, Root } from 'mdast';
import { splitAtBoundaries, type Chunk } from './chunks';

/**
 * Only the task-list part of GFM (`listItem.checked`). Full remark-gfm also
 * brings autolink literals, whose tree transform recurses once per nesting
 * level and overflows the stack on deeply nested input; the plan parser has
 * no use for links, tables or strikethrough.
 */
function remarkTaskListItems(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkTaskListItems);

function shiftPositions(root: Root, chunk: Chunk) {
  const stack: Nodes[] = [...root.children];
  while (stack.length) {
    const node = stack.pop()!;
    for (const point of [node.position?.start, node.position?.end]) {
      if (point) {
        point.line += chunk.line;
        if (point.offset !== undefined) point.offset += chunk.offset;
      }
    }
    if ('children' in node) stack.push(...node.children);
  }
}

/** Parses the document piece by piece (see splitAtBoundaries) into one tree. */
export function parseMarkdown(markdown: string): Root {
  const root: Root = { type: 'root', children: [] };
  for (const chunk of splitAtBoundaries(markdown)) {
    const part = processor.parse(chunk.text);
    if (chunk.offset > 0) shiftPositions(part, chunk);
    for (const child of part.children) root.children.push(child);
  }
  return root;
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
