import { parsePhasePlan } from './parsePhasePlan';

// Long enough for the parser to read the plan in several pieces.
const INTRO = 'An intro paragraph.\n\n'.repeat(300);
const parse = (markdown: string) => parsePhasePlan(INTRO + markdown);
const counts = (markdown: string) => parse(markdown).tasks;

describe('task counts on plans the parser reads in pieces', () => {
  it('counts the tasks GitHub shows when a fence in a list item is broken by an unindented line', () => {
    // The unindented line ends the item and its fence; the indented ``` after
    // it opens a new fence at top level, which runs to the end.
    const plan = [
      '- [x] dump',
      '  ```sh',
      '  pg_dump',
      'gzip dump.sql',
      '  ```',
      '- [ ] copy media',
      '## Later',
      '- [ ] cut over',
    ].join('\n');
    expect(counts(plan)).toEqual({ done: 1, open: 0 });
    expect(parse(plan).sections).toEqual([]);
  });

  it('keeps counting after a fence in a list item that is closed properly', () => {
    const plan =
      '- [x] a\n  ```\n  # not a heading\n  ```\n- [ ] b\n# H\n- [ ] c\n';
    expect(counts(plan)).toEqual({ done: 1, open: 2 });
  });

  it('does not count tasks in an HTML block that runs over a heading', () => {
    const plan = '<div>\n# inside the div\n- [ ] not a task\n\n- [ ] a task\n';
    expect(counts(plan)).toEqual({ done: 0, open: 1 });
  });

  it('does not count tasks after a top-level fence that is never closed', () => {
    expect(counts('- [x] a\n```\n# H\n- [ ] b\n')).toEqual({
      done: 1,
      open: 0,
    });
  });

  it('reads "10. [ ] x" after a paragraph as text, as GitHub does', () => {
    expect(counts('Steps:\n10. [ ] x\n- [ ] y\n')).toEqual({
      done: 0,
      open: 1,
    });
  });

  it('keeps a numbered list with sub-tasks in one piece of structure', () => {
    const plan = '1. [ ] a\n   - [x] a.1\n2. [ ] b\n   - [ ] b.1\n';
    expect(parse(plan).sections).toEqual([]);
    expect(counts(plan)).toEqual({ done: 1, open: 3 });
  });

  it('reads a task text with a link defined in another section', () => {
    const plan =
      '# P\n## Tasks\n- [ ] read [the guide]\n## Links\n[the guide]: https://example.org\n';
    expect(parse(plan).sections[0].items[0].text).toBe('read the guide');
  });

  it('treats a heading-looking line inside a footnote as the footnote ending', () => {
    const plan =
      '[^1]: note\n    - [ ] inside the footnote\n# H\n- [ ] after\n';
    expect(counts(plan)).toEqual({ done: 0, open: 2 });
  });
});
