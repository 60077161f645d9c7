import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Root } from 'mdast';
import { parsePhasePlan } from './parsePhasePlan';
import { parseMarkdown } from './markdown';
import { buildOutline, countTasks } from './outline';
import { readFrontMatter } from './frontMatter';
import { repairMojibake } from './mojibake';
import { tameMarkdown } from './tame';

// The reference: one parse of the whole document with remark-gfm, which is
// what GitHub shows.
const gfm = unified().use(remarkParse).use(remarkGfm);

function bodyOf(markdown: string): string {
  return readFrontMatter(repairMojibake(markdown).replace(/^\uFEFF/, '')).body;
}

/** Every task item: its line, whether it is ticked and how many items enclose it. */
function taskItems(root: Root): string[] {
  const out: string[] = [];
  const stack: [Nodes, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node.type === 'listItem' && typeof node.checked === 'boolean') {
      out.push(`${node.position!.start.line}:${node.checked}:${depth}`);
    }
    if ('children' in node) {
      const inner = depth + (node.type === 'listItem' ? 1 : 0);
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push([node.children[i], inner]);
      }
    }
  }
  return out;
}

/** What GitHub shows of a plan: counts, sections and their task lists. */
function expected(tree: Root) {
  const outline = buildOutline(tree);
  const own = [
    ...outline.preambleItems,
    ...outline.sections.flatMap(s => s.ownItems),
  ];
  return {
    tasks: countTasks(own),
    sections: outline.sections.map(s => ({
      title: s.title,
      depth: s.depth,
      tasks: s.tasks,
      items: s.items,
    })),
  };
}

function seen(markdown: string) {
  const plan = parsePhasePlan(markdown);
  return {
    tasks: plan.tasks,
    sections: plan.sections.map(s => ({
      title: s.title,
      depth: s.depth,
      tasks: s.tasks,
      items: s.items,
    })),
  };
}

/** The parser's view and GitHub's view of a plan, for toEqual. */
function bothViews(markdown: string) {
  const body = bodyOf(markdown);
  const whole = gfm.parse(body);
  return {
    ours: {
      tame: tameMarkdown(body),
      // As small as the pieces get, and as the parser cuts them.
      items: taskItems(parseMarkdown(body, 0)),
      itemsInLargerPieces: taskItems(parseMarkdown(body, 80)),
      plan: seen(markdown),
    },
    github: {
      tame: body, // the caps do not apply to these documents
      items: taskItems(whole),
      itemsInLargerPieces: taskItems(whole),
      plan: expected(whole),
    },
  };
}

// --- generators ---------------------------------------------------------

const word = fc.constantFrom(
  'alpha', 'Beta', 'phase', '*em*', '_u_', '**bold', '`code`', '~~gone~~',
  '[link]', '[^1]', '<b>', '<br/>', 'www.example.com', '\\*', 'a|b', '|',
  '1.', '#tag', '✅', '🚧', 'Status: Done', '---', '`', '```', '~~~', '>',
); // prettier-ignore
const text = fc
  .array(word, { minLength: 1, maxLength: 3 })
  .map(ws => ws.join(' '));
const taskMark = fc.constantFrom(
  '[ ] ',
  '[x] ',
  '[X] ',
  '[ ]',
  '[x]\t',
  '[  ] ',
  '[-] ',
  '',
);
const indent = fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '     ', '      ', '        ', '\t', ' \t', '  \t', '\t\t'); // prettier-ignore
const marker = fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '10. ', '3. ', '-\t', '>', '> ', '-   ', '1.  ', '-', '*     ', '[^n]: '); // prettier-ignore
const leaf = fc.oneof(
  text,
  fc.tuple(taskMark, text).map(([m, t]) => m + t),
  fc.constantFrom(
    '```', '```sh', '~~~', '````', '``` `x`', '~~~~ md', '``', '~~~~~',
    '<div>', '</div>', '<!--', '-->', '<!-- x -->', '<pre>', '</pre>',
    '<script>', '</script>', '<?php', '?>', '<!DOCTYPE html>', '<![CDATA[',
    ']]>', '<span>', '<b>bold</b>', '<custom-tag a="1">', '</table>',
    '| a | b |', '|---|---|', '| - |', 'a | b', ':-: | --', '| [ ] x |',
    '===', '---', '- - -', '***', '___', '* * *', '-', '=',
    '# Title', '## Phase 1: Alpha', '### 1.2 Step (Done)', '#', '####### no',
    '#no', '## Status: In Progress', '[^1]: note', '[x]: /url',
    '[ref]: /url "title', 'title"', '[ref]:', '/url', '', '', '',
  ),
); // prettier-ignore

const randomLine = fc
  .tuple(
    indent,
    fc.array(fc.tuple(marker, fc.constantFrom('', ' ', '  ')), {
      maxLength: 3,
    }),
    leaf,
  )
  .map(([i, ms, l]) => i + ms.map(([m, s]) => m + s).join('') + l);
const randomLines = fc
  .array(randomLine, { minLength: 1, maxLength: 8 })
  .map(ls => ls.join('\n'));

/** A fence in a list item, broken by lines with less indentation than the item's content. */
const brokenFence = fc
  .tuple(
    fc.constantFrom('- ', '1. ', '* ', '  - ', '> - '),
    taskMark,
    fc.constantFrom('```', '~~~', '````sh'),
    fc.array(fc.constantFrom('code', '- [ ] in code', '# in code', '', 'unindented', ' one space', '> quoted'), { maxLength: 4 }),
    fc.constantFrom('', '  ', '   ', ' '),
  )
  .map(([m, t, f, body, closeIndent]) => {
    const pad = ' '.repeat(m.replace(/^> /, '').length);
    const lines = body.map((b, i) => (i % 2 ? b : pad + b));
    return [`${m}${t}item`, pad + f, ...lines, closeIndent + f, `${m}[ ] after`].join('\n');
  }); // prettier-ignore

/** Lists nested up to 12 deep, each level indented by its parent's content width (or off by one). */
const nestedList = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 12 }),
      fc.constantFrom('- ', '* ', '1. ', '-   ', '+ '),
      fc.constantFrom(-1, 0, 0, 0, 1),
      taskMark,
      fc.constantFrom('', '', '\n', '\n\n'),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map(items => {
    const widths: number[] = [];
    return items
      .map(([level, m, skew, t, after]) => {
        const depth = Math.min(level, widths.length);
        widths.length = depth;
        const at = widths.reduce((a, b) => a + b, 0);
        widths.push(m.length);
        return `${' '.repeat(
          Math.max(0, at + skew),
        )}${m}${t}task ${depth}${after}`;
      })
      .join('\n');
  });

const htmlBlock = fc
  .tuple(
    fc.constantFrom('<div>', '<!--', '<pre>', '<details>', '<x-y>', '<?', '<!X', '<![CDATA['),
    fc.array(fc.constantFrom('- [ ] hidden?', '# hidden?', '', '-->', '</pre>', '?>', '>', ']]>', '</div>'), { maxLength: 4 }),
  )
  .map(([open, lines]) => [open, ...lines].join('\n')); // prettier-ignore

const table = fc
  .tuple(
    fc.constantFrom('', '> ', '- '),
    fc.array(fc.constantFrom('| [ ] a | b |', 'c | d', '- [ ] row?', '', '  | e |'), { maxLength: 3 }),
  )
  .map(([p, rows]) => [`${p}| h | i |`, `${p}|---|:-:|`, ...rows].join('\n')); // prettier-ignore

const quote = fc
  .array(
    fc.tuple(fc.constantFrom('> ', '>', '> > ', '', '>  - '), fc.tuple(taskMark, text).map(([m, t]) => m + t)),
    { minLength: 1, maxLength: 5 },
  )
  .map(ls => ls.map(([p, l]) => p + l).join('\n')); // prettier-ignore

const setext = fc
  .tuple(text, fc.constantFrom('===', '---', '- ', '-', '  ==='))
  .map(([t, u]) => `${t}\n${u}`);

const heading = fc.constantFrom('# Plan', '## Phase 1: A', '### Details', '## Phase 2: B (Done)', '## Rollback'); // prettier-ignore

const frontMatter = fc.constantFrom(
  '',
  '',
  '---\nstatus: "In Progress"\ntitle: T\n---\n',
  '---\nstatus: [unclosed\n---\n',
  '---\n- [ ] not a task\n---\n',
);

const documents = fc
  .tuple(
    frontMatter,
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: randomLines },
        { weight: 2, arbitrary: brokenFence },
        { weight: 2, arbitrary: nestedList },
        { weight: 1, arbitrary: htmlBlock },
        { weight: 1, arbitrary: table },
        { weight: 1, arbitrary: quote },
        { weight: 1, arbitrary: setext },
        { weight: 2, arbitrary: heading },
      ),
      { minLength: 1, maxLength: 7 },
    ),
    fc.constantFrom('\n', '\n', '\n', '\r\n', '\n\n'),
  )
  .map(([fm, blocks, eol]) => fm + blocks.join('\n').replace(/\n/g, eol));

// --- tests ----------------------------------------------------------------

describe('task counts match what GitHub shows', () => {
  it('on 2,000 generated plans (fences broken by unindented lines, nested lists, HTML, tables, quotes, setext headings, tabs, front matter)', () => {
    fc.assert(
      fc.property(documents, markdown => {
        const { ours, github } = bothViews(markdown);
        expect(ours).toEqual(github);
      }),
      {
        seed: 18,
        numRuns: 2000,
      },
    );
  });

  const dirs = [
    resolve(__dirname, '../../fixtures/phases'),
    resolve(__dirname, '../../../../docs/phases'),
  ];
  const files = dirs.flatMap(dir =>
    readdirSync(dir)
      .filter(f => f.endsWith('.md'))
      .map(f => join(dir, f)),
  );
  it.each(files)('on %s', file => {
    const { ours, github } = bothViews(readFileSync(file, 'utf8'));
    expect(ours).toEqual(github);
  });
});

describe('plans the property test once found read differently from GitHub', () => {
  it.each([
    ['an HTML block before CRLF line ends', '<div>\r\n- [ ] hidden?'],
    [
      'a nested ordered item after a paragraph',
      '[ref]: /url "title\n- 2) [ ] alpha\n```\n- [ ] item\n  ```\n```\n- [ ] after',
    ],
    [
      'a footnote used before the section that defines it',
      '### Details\n> - [ ] item\n  ```\n```\n> - [ ] after\n\t[^n]: alpha\nalpha\n- [ ] alpha\n[^n]: ```\nalpha\n| h | i |\n|---|:-:|',
    ],
    [
      'an ordered item after indented code and a paragraph',
      ' \talpha\n10. alpha\nalpha\n2) [ ] alpha\nalpha\n> [ ] alpha',
    ],
    [
      'an ordered item after indented code left by a list item',
      '-\t [ ] alpha\n\n  \t```\n\n3. [ ] alpha\n\n- [ ] task 0',
    ],
    [
      'a task list nested 60 deep',
      Array.from(
        { length: 60 },
        (_, i) => `${'  '.repeat(i)}- [${i % 2 ? 'x' : ' '}] level ${i}`,
      ).join('\n'),
    ],
  ])('%s', (_name, markdown) => {
    const { ours, github } = bothViews(markdown);
    expect(ours).toEqual(github);
  });
});
