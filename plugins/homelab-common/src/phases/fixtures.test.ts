import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PhasePlan } from '../types';
import { parsePhasePlan } from './parsePhasePlan';

function plan(name: string): PhasePlan {
  const file = resolve(__dirname, '../../fixtures/phases', name);
  return parsePhasePlan(readFileSync(file, 'utf8'), { file: name });
}

const phaseSections = (p: PhasePlan) =>
  p.sections
    .filter(s => s.status)
    .map(s => [s.phaseId, s.status, s.statusSource]);
const driftKinds = (p: PhasePlan) => p.drift.map(d => d.kind);

describe('fixture plans, one per writing style', () => {
  it('reads a blockquote header with numbered, nested checkbox tasks', () => {
    const p = plan('blockquote-header.md');
    expect(p).toMatchObject({
      title: 'Phase 2.3: Move Home Assistant onto the cluster',
      phaseId: '2.3',
      status: 'in-progress',
      statusSource: 'declared',
      declaredStatus: 'In Progress',
      // the nested Zigbee/Z-Wave items count; the code block line does not
      tasks: { done: 4, open: 6 },
      prerequisites: ['2.1', '2.2'],
      targetVersion: 'v1.4.0',
    });
    expect(phaseSections(p)).toEqual([
      ['2.3.1', 'in-progress', 'derived'],
      ['2.3.2', 'in-progress', 'derived'],
    ]);
    expect(p.verification).toEqual({
      title: 'Verification Checklist',
      items: [
        { text: 'Dashboard loads through the gateway', checked: false },
        { text: 'Automations fire after a pod restart', checked: false },
      ],
    });
    expect(p.rollback?.markdown).toContain('virsh start homeassistant');
    expect(driftKinds(p)).toEqual([]);
  });

  it('keeps the nesting depth of sub-tasks', () => {
    const prepare = plan('blockquote-header.md').sections[1];
    expect(prepare.items.map(i => [i.text, i.depth])).toEqual([
      ['2.3.1.1 Export a full backup from the VM', 0],
      ['2.3.1.2 Pick the storage class for the config volume', 0],
      ['2.3.1.3 Write down every integration that talks to USB hardware', 0],
      ['Zigbee stick', 1],
      ['Z-Wave stick', 1],
    ]);
  });

  it('reads phases as headings with a status and flags the one that lies', () => {
    const p = plan('phase-headings.md');
    expect(p).toMatchObject({
      status: 'in-progress',
      statusSource: 'declared',
      declaredStatus: '🚧 In Progress (80% Complete)',
      progress: { percent: 80 },
      tasks: { done: 4, open: 4 },
      prerequisites: [],
    });
    expect(phaseSections(p)).toEqual([
      ['1', 'complete', 'declared'],
      ['2', 'complete', 'declared'],
      ['3', 'in-progress', 'declared'],
      ['4', 'planned', 'declared'],
      ['5', 'planned', 'derived'],
    ]);
    expect(p.rollback?.title).toBe('Rollback Plan');
    expect(p.drift).toEqual([
      expect.objectContaining({ kind: 'progress-mismatch' }),
      expect.objectContaining({
        kind: 'complete-with-open-tasks',
        section: 'Phase 2: Storage (Completed ✅)',
      }),
    ]);
    expect(p.drift[0].message).toBe(
      'The plan declares 80% but 4/8 tasks (50%) are ticked',
    );
  });

  it('repairs emoji that were decoded as Windows-1252', () => {
    const p = plan('mojibake.md');
    expect(p.sections.map(s => s.title)).toEqual([
      'Phase 1: Export blocklists (Completed ✅)',
      'Phase 2: Run both side by side (In Progress 🚧)',
      'Phase 3: Switch DHCP option 6 (Planned 📅)',
    ]);
    expect(phaseSections(p)).toEqual([
      ['1', 'complete', 'declared'],
      ['2', 'in-progress', 'declared'],
      ['3', 'planned', 'declared'],
    ]);
    expect(p).toMatchObject({
      status: 'in-progress',
      statusSource: 'derived',
      tasks: { done: 2, open: 2 },
    });
  });

  it('reads a status summary written as labelled bullet lists', () => {
    const p = plan('status-summary.md');
    expect(p).toMatchObject({
      status: 'in-progress',
      statusSource: 'declared',
      declaredStatus: '2 completed, 2 remaining',
      tasks: { done: 0, open: 2 },
    });
    expect(driftKinds(p)).toEqual([]);
  });

  it('reads a bold Status field in any case with a remark after it', () => {
    const p = plan('bold-status-field.md');
    expect(p).toMatchObject({
      phaseId: '5',
      status: 'in-progress',
      statusSource: 'declared',
      declaredStatus: 'in progress (since 2024-09-14)',
      progress: { done: 3, total: 5 },
      tasks: { done: 2, open: 2 },
    });
    expect(p.drift).toEqual([
      {
        kind: 'progress-mismatch',
        message: 'The plan declares 3/5 but 2/4 tasks (50%) are ticked',
      },
    ]);
  });

  it('reads a "## Status" heading followed by a list', () => {
    const p = plan('status-heading-list.md');
    expect(p).toMatchObject({
      status: 'blocked',
      statusSource: 'declared',
      tasks: { done: 1, open: 1 },
    });
    expect(p.declaredStatus).toMatch(/^Blocked/);
  });

  it('reads "- **Status:** IN PROGRESS" and an ordered task list', () => {
    const p = plan('list-status-field.md');
    expect(p).toMatchObject({
      status: 'in-progress',
      statusSource: 'declared',
      targetVersion: 'v2.0.1',
      tasks: { done: 2, open: 1 },
    });
  });

  it('flags a plan marked done with a task still open', () => {
    const p = plan('declared-complete-open-tasks.md');
    expect(p).toMatchObject({
      phaseId: '3.2',
      status: 'complete',
      statusSource: 'declared',
      tasks: { done: 3, open: 1 },
    });
    expect(phaseSections(p)).toEqual([
      ['3.2.1', 'complete', 'derived'],
      ['3.2.2', 'in-progress', 'derived'],
    ]);
    expect(p.drift).toEqual([
      {
        kind: 'complete-with-open-tasks',
        message:
          'The plan is marked complete but 1 task is still open; tick it or change the status',
      },
    ]);
  });

  it('flags a plan marked ready to implement with work already done', () => {
    const p = plan('planned-with-done.md');
    expect(p).toMatchObject({
      status: 'planned',
      declaredStatus: 'Ready to implement',
      prerequisites: ['4.2', '5'],
    });
    expect(driftKinds(p)).toEqual(['planned-with-done-tasks']);
  });

  it('derives the status from the checkboxes when none is written', () => {
    const p = plan('derived-only.md');
    expect(p).toMatchObject({
      status: 'in-progress',
      statusSource: 'derived',
      tasks: { done: 2, open: 2 },
      prerequisites: ['1', 'A spare 8 TB disk on the shelf'],
    });
    expect(p.declaredStatus).toBeUndefined();
  });

  it('reads status, title and target from YAML front matter', () => {
    expect(plan('front-matter.md')).toMatchObject({
      title: 'Certificate renewal automation',
      status: 'complete',
      statusSource: 'declared',
      targetVersion: 'v0.9.0',
      tasks: { done: 2, open: 0 },
      drift: [],
    });
  });

  it('falls back to the file name and an unknown status', () => {
    expect(plan('no-tasks.md')).toMatchObject({
      title: 'no-tasks',
      status: 'unknown',
      statusSource: 'derived',
      tasks: { done: 0, open: 0 },
      sections: [],
    });
  });
});

describe('a plan whose fence in a list item is broken by an unindented line', () => {
  it('counts only the tasks before the fence that swallows the rest, as GitHub shows', () => {
    const p = plan('fence-broken-by-unindented-line.md');
    // GitHub shows everything after the second ``` as code.
    expect(p.tasks).toEqual({ done: 1, open: 0 });
    expect(p.sections.map(s => s.title)).toEqual(['6.1 Prepare']);
  });
});
