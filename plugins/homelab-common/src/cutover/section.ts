import type { Heading, Root, RootContent } from 'mdast';
import { visibleText } from './visibleText';

const CUTOVER_WORD = /\bcut[- ]?over\b/i;

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `4.24.5 Cutover` -> `cutover`: numbering is left out when comparing. */
function withoutNumber(text: string): string {
  return text.replace(/^[\d.]+\s+/, '');
}

export interface FoundSection {
  heading: Heading;
  /** Top-level nodes from the heading to the next heading of the same or a higher level. */
  nodes: RootContent[];
  title: string;
}

function extent(root: Root, index: number): RootContent[] {
  const heading = root.children[index] as Heading;
  const nodes: RootContent[] = [];
  for (let i = index + 1; i < root.children.length; i++) {
    const node = root.children[i];
    if (node.type === 'heading' && node.depth <= heading.depth) break;
    nodes.push(node);
  }
  return nodes;
}

/**
 * The cutover section: the heading named in the front matter (exactly, or
 * without its numbering), else the first heading that says cutover, the plan's
 * title last: "# Karakeep cutover plan" above "## Cutover" names the document,
 * and taking it would make the whole plan the cutover section.
 */
export function findCutoverSection(
  root: Root,
  named?: string,
): FoundSection | undefined {
  const headings = root.children
    .map((node, index) => ({ node, index }))
    .filter(
      (h): h is { node: Heading; index: number } => h.node.type === 'heading',
    );
  const title = (h: Heading) => visibleText(h).trim();
  let found: { node: Heading; index: number } | undefined;
  if (named) {
    const want = normalize(named);
    found =
      headings.find(h => normalize(title(h.node)) === want) ??
      headings.find(
        h => withoutNumber(normalize(title(h.node))) === withoutNumber(want),
      );
  } else {
    const saysCutover = headings.filter(h => CUTOVER_WORD.test(title(h.node)));
    found =
      saysCutover.find(h => !isPlanTitle(headings, h)) ?? saysCutover[0];
  }
  if (!found) return undefined;
  return {
    heading: found.node,
    nodes: extent(root, found.index),
    title: title(found.node),
  };
}

/** The first heading, alone at its depth, with the rest of the plan below it. */
function isPlanTitle(
  headings: Array<{ node: Heading; index: number }>,
  candidate: { node: Heading; index: number },
): boolean {
  const [first, ...rest] = headings;
  return (
    candidate === first &&
    rest.length > 0 &&
    rest.every(h => h.node.depth > first.node.depth)
  );
}

/** Heading texts, for the message when the front matter names none of them. */
export function headingTitles(root: Root): string[] {
  return root.children
    .filter((n): n is Heading => n.type === 'heading')
    .map(h => visibleText(h).trim());
}
