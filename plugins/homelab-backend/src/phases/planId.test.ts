import { planIdOf, planKeyOf } from './planId';

// Every key of up to three characters from a set that covers each kind of
// code word, and a few longer ones.
const ALPHABET = ['a', 'Z', '0', '.', '-', '/', '_', '~', ' ', 'é', '😀', '\n'];
const KEYS = [
  ...new Set(
    ALPHABET.flatMap(a =>
      ['', ...ALPHABET].flatMap(b => ['', ...ALPHABET].map(c => a + b + c)),
    ).concat(['', '.md', 'a.md.md', 'docs/phases/Phase 4_23 (draft).md']),
  ),
];

describe('plan ids', () => {
  it('keeps ordinary plan paths readable', () => {
    expect(planIdOf('docs/phases/phase-4.23-ollama.md')).toBe(
      'docs~phases~phase-4.23-ollama',
    );
  });

  it('gives a_b.md and a-b.md different ids', () => {
    expect(planIdOf('docs/a_b.md')).toBe('docs~a__5f_b');
    expect(planIdOf('docs/a-b.md')).toBe('docs~a-b');
  });

  it('tells apart names that differ only in case, separators or extension', () => {
    const keys = [
      'docs/Plan.md',
      'docs/plan.md',
      'docs-plan.md',
      'docs/plan.markdown',
      'docs/plan.markdown.md',
      'docs/plan',
      'https://git.example/lab/docs/plan.md',
      'docs/plan 1.md',
      'docs/plan_1.md',
    ];
    expect(new Set(keys.map(planIdOf)).size).toBe(keys.length);
  });

  it('keeps the id of every existing plan when a plan is added', () => {
    const before = ['docs/phases/a-b.md', 'docs/phases/c.md'];
    const after = ['docs/phases/a_b.md', ...before, 'docs/phases/A-B.md'];
    const ids = (keys: string[]) => new Map(keys.map(k => [k, planIdOf(k)]));
    const later = ids(after);
    for (const [key, id] of ids(before)) expect(later.get(key)).toBe(id);
  });

  it('gives ids the API accepts in a URL path unchanged', () => {
    for (const key of KEYS) {
      const id = planIdOf(key);
      expect(id).toMatch(/^[a-z0-9._~-]+$/);
      expect(encodeURIComponent(id)).toBe(id);
    }
  });

  it('can always be read back as the path it came from, so no two paths share an id', () => {
    for (const key of KEYS) {
      expect(planKeyOf(planIdOf(key))).toBe(key);
      expect(planKeyOf(planIdOf(`${key}.md`))).toBe(`${key}.md`);
    }
    expect(new Set(KEYS.map(planIdOf)).size).toBe(KEYS.length);
  });
});
