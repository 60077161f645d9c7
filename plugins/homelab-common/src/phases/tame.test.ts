import { tameMarkdown } from './tame';

describe('tameMarkdown', () => {
  it('leaves ordinary plans unchanged', () => {
    const plan =
      '# P\n\n> **Status:** Done\n\n- [x] a\n  - [ ] b\n\n\t\n* * *\n';
    expect(tameMarkdown(plan)).toBe(plan);
  });

  it('flattens nesting deeper than 32 levels', () => {
    expect(tameMarkdown(`${'>'.repeat(100)} x`)).toBe(`${'>'.repeat(32)} x`);
    expect(tameMarkdown(`${'- '.repeat(100)}x`)).toBe(`${'- '.repeat(32)}x`);
  });

  it('turns emphasis off only in blocks flooded with delimiters', () => {
    const flood = '*_'.repeat(1500);
    expect(tameMarkdown(`**a**\n\n${flood}`)).toBe(
      `**a**\n\n${'\\*\\_'.repeat(1500)}`,
    );
  });
});
