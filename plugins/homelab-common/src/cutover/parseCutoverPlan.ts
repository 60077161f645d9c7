import type { ListItem, Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { declarationsIn } from './comments';
import { DeclarationError, parseDeclaration } from './declaration';
import { readCutoverFrontMatter } from './frontMatter';
import { findCutoverSection, headingTitles } from './section';
import type { CutoverItem, CutoverPlan, CutoverProblem } from './types';
import { visibleText } from './visibleText';

// The same GFM GitHub renders the plan with: task items, tables and
// footnotes all change where a list item ends.
const processor = unified().use(remarkParse).use(remarkGfm);

interface Visit {
  node: Nodes;
  /** The list item whose own text (not a nested list's) holds this node. */
  owner?: ListItem;
}

function itemText(item: ListItem): string {
  return visibleText(item, n => n.type === 'list')
    .replace(/\s+/g, ' ')
    .trim();
}

function* walk(root: Root): Generator<Visit> {
  const stack: Visit[] = [{ node: root }];
  while (stack.length) {
    const visit = stack.pop()!;
    yield visit;
    const { node } = visit;
    if (!('children' in node)) continue;
    let owner = visit.owner;
    if (node.type === 'list') owner = undefined;
    if (node.type === 'listItem') owner = node;
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i] as Nodes, owner });
  }
}

function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/**
 * Reads the cutover section of a phase plan: its task items, the live checks
 * declared on them as `<!-- check: <kind> key=value ... -->` comments, and a
 * problem for each declaration that is wrong or will not run. An item
 * without a declaration is a plain checkbox. Never throws on bad input.
 */
export function parseCutoverPlan(markdown: string): CutoverPlan {
  const problems: CutoverProblem[] = [];
  const fm = readCutoverFrontMatter(markdown);
  if (fm.problem) problems.push({ ...fm.problem, severity: 'error' });
  const root = processor.parse(fm.body);
  const found = findCutoverSection(root, fm.cutover);
  if (fm.cutover && !found) {
    problems.push({
      line: fm.cutoverLine ?? 2,
      severity: 'error',
      message: `front matter cutover: "${
        fm.cutover
      }" names no heading of the plan; use one of: ${headingTitles(root)
        .map(t => `"${t}"`)
        .join(', ')}`,
    });
  }
  const first = found ? lineOf(found.heading) : Infinity;
  const last = found
    ? found.nodes.at(-1)?.position?.end.line ?? first
    : -Infinity;
  const inSection = (line: number) => line >= first && line <= last;

  const items = new Map<ListItem, CutoverItem>();
  for (const { node, owner } of walk(root)) {
    if (
      node.type === 'listItem' &&
      typeof node.checked === 'boolean' &&
      inSection(lineOf(node))
    ) {
      items.set(node, {
        line: lineOf(node),
        text: itemText(node),
        checked: node.checked,
        checks: [],
      });
    }
    if (node.type !== 'html') continue;
    for (const d of declarationsIn(node)) {
      const problem = (
        message: string,
        severity: CutoverProblem['severity'] = 'error',
      ) => problems.push({ line: d.line, severity, message });
      if (d.problem) {
        problem(d.problem);
        continue;
      }
      let check;
      try {
        check = parseDeclaration(d.text ?? '', d.line);
      } catch (e) {
        if (!(e instanceof DeclarationError)) throw e;
        problem(`check: ${e.message}`);
        continue;
      }
      if (!owner || typeof owner.checked !== 'boolean') {
        problem(
          owner
            ? 'a check belongs on a task-list item; write the item as - [ ] <text> <!-- check: ... -->'
            : 'a check belongs on the line of a task-list item (- [ ] <text> <!-- check: ... -->) or just under it, indented',
        );
        continue;
      }
      const item = items.get(owner);
      if (!item) {
        problem(
          found
            ? `this check is outside the cutover section ("${found.title}", line ${first}) and will not run; move the item there`
            : 'the plan has no cutover section, so this check will not run; add a heading that says Cutover or name one with cutover: in the front matter',
          'warning',
        );
        continue;
      }
      item.checks.push(check);
    }
  }
  return {
    section: found
      ? {
          title: found.title,
          line: first,
          foundBy: fm.cutover ? 'front matter' : 'heading',
        }
      : undefined,
    items: [...items.values()],
    problems: problems.sort((a, b) => a.line - b.line),
  };
}
