import type { ListItem, Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseCutoverPlan } from './parseCutoverPlan';

const PLAN = `# Phase 4.24: Karakeep Migration

> **Status:** In Progress

## Tasks

### 4.24.3 Deploy & Verify

- [x] 4.24.3.1 Apply with \`kubectl apply -k manifests/karakeep\` <!-- check: deployment namespace=karakeep name=karakeep -->

### 4.24.5 Cutover

Follow the [cutover runbook](../runbooks/karakeep-cutover.md).

- [x] 4.24.5.1 Karakeep's pods are **running** and ready <!-- check: pods namespace=karakeep selector=app.kubernetes.io/name=karakeep -->
- [ ] 4.24.5.2 The route is accepted
  <!-- check: httproute namespace=karakeep name=karakeep -->
  <!-- check: http namespace=karakeep service=karakeep port=http path=/api/health status=2xx -->
- [ ] 4.24.5.3 Point the Uptime Kuma monitor at the new address
  - [ ] a sub-step with its own check <!-- check: ollama-model model=qwen3:1.7b -->
* [X] 4.24.5.4 Data volume bound <!-- check: pvc namespace=karakeep name=karakeep-data --> and kept

\`\`\`bash
# <!-- check: pods namespace=x selector=a=b --> in a code block is only code
\`\`\`

## Rollback

- [ ] Point clients back
`;

describe('parseCutoverPlan', () => {
  it('finds the section whose heading says Cutover and reads its task items and their checks', () => {
    const plan = parseCutoverPlan(PLAN);
    expect(plan.section).toEqual({
      title: '4.24.5 Cutover',
      line: 11,
      foundBy: 'heading',
    });
    expect(
      plan.items.map(i => [
        i.line,
        i.checked,
        i.text,
        i.checks.map(c => c.key),
      ]),
    ).toEqual([
      [
        15,
        true,
        "4.24.5.1 Karakeep's pods are running and ready",
        ['pods namespace=karakeep selector=app.kubernetes.io/name=karakeep'],
      ],
      [
        16,
        false,
        '4.24.5.2 The route is accepted',
        [
          'httproute name=karakeep namespace=karakeep',
          'http namespace=karakeep path=/api/health port=http service=karakeep status=2xx',
        ],
      ],
      [
        19,
        false,
        '4.24.5.3 Point the Uptime Kuma monitor at the new address',
        [],
      ],
      [
        20,
        false,
        'a sub-step with its own check',
        ['ollama-model model=qwen3:1.7b'],
      ],
      [
        21,
        true,
        '4.24.5.4 Data volume bound and kept',
        ['pvc name=karakeep-data namespace=karakeep'],
      ],
    ]);
  });

  it('gives each check the line of its declaration', () => {
    const plan = parseCutoverPlan(PLAN);
    expect(plan.items[1].checks.map(c => c.line)).toEqual([17, 18]);
  });

  it('warns that a check outside the cutover section will not run', () => {
    expect(parseCutoverPlan(PLAN).problems).toEqual([
      {
        line: 9,
        severity: 'warning',
        message: expect.stringContaining(
          'outside the cutover section ("4.24.5 Cutover", line 11)',
        ),
      },
    ]);
  });

  it('takes the Cutover section, not a plan title that says cutover', () => {
    const plan = parseCutoverPlan(
      '# Karakeep cutover plan\n\n## Prepare\n\n- [ ] Copy the data\n\n## Cut-over\n\n- [ ] Switch DNS <!-- check: pods namespace=karakeep selector=app=karakeep -->\n\n## Rollback\n\n- [ ] Point clients back\n',
    );
    expect(plan.section?.title).toBe('Cut-over');
    expect(plan.items.map(i => i.text)).toEqual(['Switch DNS']);
  });

  it('takes a title that says cutover when no other heading does', () => {
    const plan = parseCutoverPlan(
      '# Karakeep cutover\n\n## Steps\n\n- [ ] Switch DNS\n',
    );
    expect(plan.section?.title).toBe('Karakeep cutover');
    expect(plan.items.map(i => i.text)).toEqual(['Switch DNS']);
  });

  it('reads headings such as "Cutover & Rollback" case-insensitively', () => {
    const plan = parseCutoverPlan('## CUTOVER & ROLLBACK\n\n- [ ] step\n');
    expect(plan.section?.title).toBe('CUTOVER & ROLLBACK');
    expect(plan.items).toHaveLength(1);
  });

  it('uses the heading the front matter names, keeping line numbers of the file', () => {
    const md = `---\ntitle: x\ncutover: Switch-over day\n---\n# Plan\n\n## Cutover notes\n\n- [ ] not this\n\n## Switch-over day\n\n- [ ] this <!-- check: service namespace=web name=site -->\n`;
    const plan = parseCutoverPlan(md);
    expect(plan.section).toEqual({
      title: 'Switch-over day',
      line: 11,
      foundBy: 'front matter',
    });
    expect(plan.items.map(i => [i.line, i.text])).toEqual([[13, 'this']]);
  });

  it('matches a front matter heading without its numbering', () => {
    const plan = parseCutoverPlan(
      '---\ncutover: Go live\n---\n### 2.4 Go live\n- [ ] flip DNS\n',
    );
    expect(plan.section?.title).toBe('2.4 Go live');
  });

  it('names the front matter line and the headings when the named heading does not exist', () => {
    const plan = parseCutoverPlan(
      '---\nstatus: Planned\ncutover: Go live\n---\n# Plan\n## Cutover\n- [ ] x\n',
    );
    expect(plan.section).toBeUndefined();
    expect(plan.problems).toEqual([
      {
        line: 3,
        severity: 'error',
        message:
          'front matter cutover: "Go live" names no heading of the plan; use one of: "Plan", "Cutover"',
      },
    ]);
  });

  it('reports a bad declaration with its line and the fix, and keeps the item as a plain checkbox', () => {
    const md =
      '## Cutover\n\n- [ ] ok\n- [ ] typo <!-- check: pod namespace=karakeep selector=app=web -->\n- [ ] missing <!-- check: pvc name=data -->\n';
    const plan = parseCutoverPlan(md);
    expect(plan.items.map(i => i.checks.length)).toEqual([0, 0, 0]);
    expect(plan.problems).toEqual([
      {
        line: 4,
        severity: 'error',
        message:
          'check: "pod" is not a check kind; use one of pods, deployment, statefulset, pvc, httproute, service, ollama-model, http',
      },
      {
        line: 5,
        severity: 'error',
        message:
          'check: pvc needs namespace=...; e.g. check: pvc namespace=karakeep name=karakeep-data',
      },
    ]);
  });

  it('refuses a check on a list item without a checkbox or outside any list', () => {
    const md =
      '## Cutover\n\n- plain <!-- check: service namespace=a name=b -->\n\n<!-- check: service namespace=a name=b -->\n';
    expect(parseCutoverPlan(md).problems.map(p => [p.line, p.message])).toEqual(
      [
        [
          3,
          'a check belongs on a task-list item; write the item as - [ ] <text> <!-- check: ... -->',
        ],
        [
          5,
          expect.stringContaining(
            'a check belongs on the line of a task-list item',
          ),
        ],
      ],
    );
  });

  it('flags a comment GitHub would print as text', () => {
    const md =
      '## Cutover\n\n- [ ] x <!-- check: http url=https://a.example/a--b -->\n';
    expect(parseCutoverPlan(md).problems[0].message).toContain(
      'GitHub would show it as text',
    );
  });

  it('asks for the colon when the comment says check without one', () => {
    const md =
      '## Cutover\n\n- [ ] x <!-- check pvc namespace=a name=b -->\n- [ ] y <!-- a note, not a check -->\n';
    expect(parseCutoverPlan(md).problems.map(p => p.line)).toEqual([3]);
  });

  it('has no section, items or problems for a plan without cutover', () => {
    expect(parseCutoverPlan('# Plan\n\n- [ ] a\n')).toEqual({
      section: undefined,
      items: [],
      problems: [],
    });
  });
});

describe('declarations on GitHub', () => {
  // GitHub renders the plan with GFM; the declaration must leave the
  // checklist as it was: same task items, same text, nothing visible added.
  const gfm = unified().use(remarkParse).use(remarkGfm);
  const withoutComments = PLAN.replace(
    /[ \t]*<!-- check:[^>]*-->/g,
    '',
  ).replace(/\n\s*\n/g, '\n\n');

  function taskItems(md: string) {
    const items: { checked: boolean; text: string }[] = [];
    const stack: Nodes[] = [gfm.parse(md)];
    while (stack.length) {
      const node = stack.pop()!;
      if (
        node.type === 'listItem' &&
        typeof (node as ListItem).checked === 'boolean'
      ) {
        items.push({
          checked: node.checked as boolean,
          text: visible(node, true),
        });
      }
      if ('children' in node) stack.push(...[...node.children].reverse());
    }
    return items;
  }

  function visible(node: Nodes, top = false): string {
    if (!top && node.type === 'list') return '';
    if (node.type === 'html') return '';
    if ('value' in node) return node.value;
    if ('children' in node) return node.children.map(c => visible(c)).join('');
    return '';
  }

  it('renders the same task items with the same checkboxes and text', () => {
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const a = taskItems(PLAN).map(i => ({ ...i, text: norm(i.text) }));
    const b = taskItems(withoutComments).map(i => ({
      ...i,
      text: norm(i.text),
    }));
    expect(a).toEqual(b);
    expect(a).toHaveLength(7);
  });

  it('turns each declaration into an HTML comment, which shows no text', () => {
    const html: string[] = [];
    const stack: Nodes[] = [gfm.parse(PLAN)];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'html') html.push(node.value);
      if ('children' in node) stack.push(...node.children);
    }
    expect(html).toHaveLength(6);
    for (const value of html)
      expect(value.trim()).toMatch(/^<!--(?:(?!--)[\s\S])*-->$/);
  });
});
