import fc from 'fast-check';
import { parsePhasePlan } from './parsePhasePlan';

const STATUSES = ['planned', 'in-progress', 'complete', 'blocked', 'unknown'];

describe('parsePhasePlan', () => {
  it('ignores checkboxes and headings inside code blocks', () => {
    const plan = parsePhasePlan(
      [
        '# Plan',
        '```markdown',
        '## Phase 9: Fake (Done)',
        '- [x] not a task',
        '```',
        '    - [ ] indented code, not a task',
        '- [ ] real task',
      ].join('\n'),
    );
    expect(plan.tasks).toEqual({ done: 0, open: 1 });
    expect(plan.sections).toEqual([]);
  });

  it('counts a section together with its subsections', () => {
    const plan = parsePhasePlan(
      '# P\n## Phase 1: A\n- [x] a\n### Details\n- [ ] b\n## Phase 2: B\n- [ ] c\n',
    );
    expect(plan.sections.map(s => [s.title, s.tasks])).toEqual([
      ['Phase 1: A', { done: 1, open: 1 }],
      ['Details', { done: 0, open: 1 }],
      ['Phase 2: B', { done: 0, open: 1 }],
    ]);
    expect(plan.tasks).toEqual({ done: 1, open: 2 });
  });

  it('derives the plan status from its phases when there are no checkboxes', () => {
    const plan = parsePhasePlan(
      '# P\n## Phase 1: A (Done)\n## Phase 2: B (Planned)\n',
    );
    expect(plan).toMatchObject({
      status: 'in-progress',
      statusSource: 'derived',
    });
  });

  it('does not treat a sub-heading that names its phase as a new phase', () => {
    const plan = parsePhasePlan(
      '# P\n## Phase 0: Base\n### Phase 0 Verification Checklist\n### Step 0.1: Tags\n',
    );
    expect(plan.sections.filter(s => s.phaseId).map(s => s.phaseId)).toEqual([
      '0',
    ]);
  });

  it('reports a Status field it cannot read and falls back to the checkboxes', () => {
    const plan = parsePhasePlan(
      '# P\n\n**Status:** Shipping soon\n\n- [x] a\n',
    );
    expect(plan).toMatchObject({ status: 'complete', statusSource: 'derived' });
    expect(plan.drift).toEqual([
      {
        kind: 'unknown-status',
        message:
          'Status "Shipping soon" is not one the portal knows; start it with Planned, In Progress, Complete or Blocked',
      },
    ]);
  });

  it('reads a status written in the title heading', () => {
    expect(parsePhasePlan('# Phase 7: Backups (Blocked ⛔)\n')).toMatchObject({
      phaseId: '7',
      status: 'blocked',
      statusSource: 'declared',
    });
  });

  it.each([
    ['deeply nested quotes', `${'>'.repeat(20000)} x`],
    ['deeply nested lists', `${'- '.repeat(3000)}[ ] x`],
    ['long emphasis runs', `${'*_'.repeat(20000)}x`],
    ['unclosed fences', '```\n'.repeat(5000)],
    ['mojibake leads only', 'ðâÃ'.repeat(5000)],
  ])('survives %s', (_name, markdown) => {
    expect(() => parsePhasePlan(markdown)).not.toThrow();
  });

  it('reads "none" as no prerequisite and keeps named ones', () => {
    const read = (value: string) =>
      parsePhasePlan(`# Phase 7: X\n\n> **Prerequisite:** ${value}\n`)
        .prerequisites;
    expect(read('none')).toEqual([]);
    expect(read('None.')).toEqual([]);
    expect(read('N/A')).toEqual([]);
    expect(read('Phase 4.23 complete, a free node')).toEqual([
      '4.23',
      'a free node',
    ]);
  });

  it('treats a missing document as an empty plan', () => {
    expect(parsePhasePlan(undefined as unknown as string)).toMatchObject({
      title: 'Untitled plan',
      status: 'unknown',
    });
  });

  it('never throws and keeps its counts consistent on arbitrary input', () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '# Phase 4.2: Title',
        '## Phase 1: A (Completed ✅)',
        '### 4.2.1 Work (In Progress 🚧)',
        '## Status',
        '## Current Status Summary',
        '## Prerequisites',
        '## Verification Checklist',
        '## Rollback',
        '> **Status:** Planned',
        '**Status**: IN PROGRESS (90% Complete)',
        '- **Status:** blocked',
        '**Progress**: 3/7',
        '**Prerequisite:** Phase 4.1 complete, Phase 3',
        '**Completed**:',
        '**Remaining**:',
        '- [x] done',
        '- [ ] open',
        '  - [X] nested',
        '1. [ ] ordered',
        '```',
        '---',
        'âœ… ðŸš§ ðŸ“…',
        '| a | b |\n|---|---|\n| ✅ | x |',
      ),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), parts => {
        const plan = parsePhasePlan(parts.join('\n'));
        expect(STATUSES).toContain(plan.status);
        const total = plan.tasks.done + plan.tasks.open;
        for (const section of plan.sections) {
          expect(section.tasks.done + section.tasks.open).toBe(
            section.items.length,
          );
          expect(section.items.length).toBeLessThanOrEqual(total);
        }
        const sectionStatuses = plan.sections.flatMap(s => s.status ?? []);
        expect(STATUSES).toEqual(expect.arrayContaining(sectionStatuses));
        for (const d of plan.drift) expect(d.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});
