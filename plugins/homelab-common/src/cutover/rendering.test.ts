import fc from 'fast-check';
import type { ListItem, Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseCutoverPlan } from './parseCutoverPlan';

// Reference: remark-gfm, as GitHub renders the plan. Adding declarations to
// any checklist must leave its task items, their checkboxes and their
// visible text as they were, and every declaration must be read.
const gfm = unified().use(remarkParse).use(remarkGfm);

function visible(node: Nodes): string {
  if (node.type === 'list' || node.type === 'html') return '';
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map(visible).join('');
  return '';
}

function tasks(md: string) {
  const out: string[] = [];
  const stack: Nodes[] = [gfm.parse(md)];
  while (stack.length) {
    const node = stack.pop()!;
    if (
      node.type === 'listItem' &&
      typeof (node as ListItem).checked === 'boolean'
    ) {
      const text = (node as ListItem).children.map(visible).join(' ');
      out.push(
        `${node.checked ? 'x' : ' '} ${text.replace(/\s+/g, ' ').trim()}`,
      );
    }
    if ('children' in node) stack.push(...[...node.children].reverse());
  }
  return out;
}

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.,:*_()/-]{0,11}$/);
const declaration = fc.constantFrom(
  'pods namespace=karakeep selector=app.kubernetes.io/name=karakeep',
  'deployment namespace=ai name=ollama',
  'pvc namespace=karakeep name=karakeep-data',
  'ollama-model model=qwen3:1.7b',
  'http namespace=karakeep service=karakeep port=http path=/api/health status=2xx',
);
const item = fc.record({
  checked: fc.boolean(),
  words: fc.array(word, { minLength: 1, maxLength: 6 }),
  check: fc.option(declaration),
  below: fc.boolean(),
  nested: fc.boolean(),
});

describe('declarations on any checklist', () => {
  it('leave the rendered task items unchanged and are all read', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), items => {
        const lines = (withChecks: boolean) =>
          items.flatMap((it, i) => {
            const indent = it.nested && i > 0 ? '    ' : '';
            const head = `${indent}- [${
              it.checked ? 'x' : ' '
            }] ${it.words.join(' ')}`;
            if (!withChecks || !it.check) return [head];
            const comment = `<!-- check: ${it.check} -->`;
            return it.below
              ? [head, `${indent}  ${comment}`]
              : [`${head} ${comment}`];
          });
        const plain = `## Cutover\n\n${lines(false).join('\n')}\n`;
        const declared = `## Cutover\n\n${lines(true).join('\n')}\n`;
        expect(tasks(declared)).toEqual(tasks(plain));
        const plan = parseCutoverPlan(declared);
        expect(plan.problems).toEqual([]);
        expect(plan.items.map(i => i.checks.length)).toEqual(
          items.map(it => (it.check ? 1 : 0)),
        );
      }),
      { numRuns: 200, seed: 18 },
    );
  });
});
