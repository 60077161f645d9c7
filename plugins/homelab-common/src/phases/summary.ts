import type { List, ListItem, RootContent } from 'mdast';
import { textOf } from './markdown';
import { fieldLine } from './fields';
import { statusAtStart } from './status';
import { statusFromTasks } from './derive';
import type { DeclaredStatus } from './headings';

const OPEN_LABEL =
  /\b(?:remaining|todo|to do|open|pending|outstanding|next|left|requiring|not|blocked)\b/i;
const DONE_LABEL =
  /\b(?:completed?|done|finished|migrated|deployed|working|shipped)\b/i;

function firstLine(node: RootContent): string | undefined {
  if (node.type === 'paragraph') return textOf(node).split('\n')[0];
  if (node.type === 'list') {
    const item = node.children[0];
    if (!item || typeof item.checked === 'boolean') return undefined;
    const paragraph = item.children.find(c => c.type === 'paragraph');
    return paragraph ? textOf(paragraph).split('\n')[0] : undefined;
  }
  return undefined;
}

function labelKind(text: string): 'done' | 'open' | undefined {
  const label = text.trim();
  if (!label.endsWith(':')) return undefined;
  if (OPEN_LABEL.test(label)) return 'open';
  return DONE_LABEL.test(label) ? 'done' : undefined;
}

/**
 * Reads the body of a status section ("## Status", "## Current Status
 * Summary"): a status written as its first line ("In progress since May"),
 * or lists labelled "Completed ...:" and "Remaining ...:".
 */
export function readStatusSummary(
  nodes: RootContent[],
): DeclaredStatus | undefined {
  const first = nodes.length ? firstLine(nodes[0]) : undefined;
  if (first && !first.trim().endsWith(':') && !fieldLine(first)) {
    const match = statusAtStart(first);
    if (match) return { status: match.status, text: first.trim() };
  }

  const counts = { done: 0, open: 0 };
  let pending: 'done' | 'open' | undefined;
  const countList = (list: List, kind?: 'done' | 'open') => {
    for (const item of list.children as ListItem[]) {
      const paragraph = item.children.find(c => c.type === 'paragraph');
      const nested = item.children.find((c): c is List => c.type === 'list');
      const itemKind =
        paragraph && nested ? labelKind(textOf(paragraph)) : undefined;
      if (itemKind && nested) counts[itemKind] += nested.children.length;
      else if (kind) counts[kind]++;
    }
  };
  for (const node of nodes) {
    // A label holds for every list up to the next paragraph: the parser
    // may hand one written list over as several.
    if (node.type === 'paragraph') pending = labelKind(textOf(node));
    else if (node.type === 'list') countList(node, pending);
    else pending = undefined;
  }
  if (counts.done + counts.open === 0) return undefined;
  return {
    status: statusFromTasks(counts),
    text: `${counts.done} completed, ${counts.open} remaining`,
  };
}
