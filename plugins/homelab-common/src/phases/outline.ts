import type { Heading, ListItem, Nodes, Root, RootContent } from 'mdast';
import type { ChecklistItem, TaskCounts } from '../types';
import { textOf, walkBlocks } from './markdown';
import { headingStatus, phaseIdOf, type DeclaredStatus } from './headings';

const STATUS_HEADING =
  /^(?:(?:overall|current|migration|project|plan)\s+)?status\b/i;

export type Item = ChecklistItem & { depth: number };

/** A heading and the nodes up to the next heading, before any status is worked out. */
export interface OutlineSection {
  title: string;
  depth: number;
  heading: Heading;
  /** Nodes up to the next heading of any depth. */
  own: RootContent[];
  children: OutlineSection[];
  parent?: OutlineSection;
  /** Set when the heading makes this section a phase of its own. */
  phase?: { id?: string; headingStatus?: DeclaredStatus };
  ownItems: Item[];
  /** Items of this section and all its subsections, in document order. */
  items: Item[];
  tasks: TaskCounts;
  /** Source offset where the section's content ends. */
  end: number;
}

export interface Outline {
  title?: string;
  titleHeading?: Heading;
  preamble: RootContent[];
  preambleItems: Item[];
  /** Every section in document order. */
  sections: OutlineSection[];
}

export function itemText(item: ListItem): string {
  const paragraph = item.children.find(c => c.type === 'paragraph');
  return paragraph ? textOf(paragraph).replace(/\s+/g, ' ').trim() : '';
}

export function collectItems(nodes: Nodes[]): Item[] {
  const items: Item[] = [];
  for (const { node, listDepth } of walkBlocks(nodes)) {
    if (node.type === 'listItem' && typeof node.checked === 'boolean') {
      items.push({
        text: itemText(node),
        checked: node.checked,
        depth: listDepth,
      });
    }
  }
  return items;
}

/** The document's top-level headings as a tree of sections with task counts. */
export function buildOutline(root: Root): Outline {
  const titleHeading = root.children.find(
    (n): n is Heading => n.type === 'heading' && n.depth === 1,
  );
  const outline: Outline = {
    title: titleHeading ? textOf(titleHeading).trim() : undefined,
    titleHeading,
    preamble: [],
    preambleItems: [],
    sections: [],
  };
  const stack: OutlineSection[] = [];
  for (const node of root.children) {
    if (node.type !== 'heading' || node === titleHeading) {
      (stack.length ? stack[stack.length - 1].own : outline.preamble).push(
        node,
      );
      continue;
    }
    while (stack.length && stack[stack.length - 1].depth >= node.depth) {
      stack.pop();
    }
    const title = textOf(node).replace(/\s+/g, ' ').trim();
    const id = phaseIdOf(title);
    // "## Status — In Progress" declares the status of what encloses it.
    const status = STATUS_HEADING.test(title)
      ? undefined
      : headingStatus(title);
    const section: OutlineSection = {
      title,
      depth: node.depth,
      heading: node,
      own: [],
      children: [],
      parent: stack[stack.length - 1],
      phase: id || status ? { id, headingStatus: status } : undefined,
      ownItems: [],
      items: [],
      tasks: { done: 0, open: 0 },
      end: node.position?.end.offset ?? 0,
    };
    section.parent?.children.push(section);
    outline.sections.push(section);
    stack.push(section);
  }

  outline.preambleItems = collectItems(outline.preamble);
  // Children follow their parent in document order, so walking backwards
  // finishes every child before its parent.
  for (let i = outline.sections.length - 1; i >= 0; i--) {
    const section = outline.sections[i];
    section.ownItems = collectItems(section.own);
    section.items = [
      ...section.ownItems,
      ...section.children.flatMap(c => c.items),
    ];
    section.tasks = countTasks(section.items);
    const lastOwn = section.own[section.own.length - 1]?.position?.end.offset;
    const lastChild = section.children[section.children.length - 1]?.end;
    section.end = Math.max(section.end, lastOwn ?? 0, lastChild ?? 0);
  }
  return outline;
}

export function countTasks(items: ChecklistItem[]): TaskCounts {
  const done = items.filter(i => i.checked).length;
  return { done, open: items.length - done };
}
