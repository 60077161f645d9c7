import { parsePhasePlan } from '@internal/plugin-homelab-common';
import { KARAKEEP_PLAN_MD, OLLAMA_PLAN_MD } from '../../testing/fixtures';
import { checklistSections, cutoverInProgress, ownItems } from './sections';

describe('checklistSections', () => {
  it('shows each task once, under the heading it was written under', () => {
    const plan = parsePhasePlan(OLLAMA_PLAN_MD);
    const shown = checklistSections(plan);
    expect(
      shown.map(s => [s.section.title, s.level, s.items.map(i => i.text)]),
    ).toEqual([
      ['Tasks', 0, []],
      [
        '4.23.1 Deploy',
        1,
        [
          'Write the Deployment with a 6Gi memory limit',
          'Add a PersistentVolumeClaim for the models',
          'Pull qwen3:1.7b and moondream',
          'qwen3:1.7b',
          'moondream',
        ],
      ],
      ['4.23.2 Observe', 1, ['Add the load card to the portal']],
    ]);
  });

  it('keeps a section’s own tasks written before its subsections', () => {
    const plan = parsePhasePlan(
      '# P\n\n## Prepare\n\n- [x] own task\n\n### Sub A\n\n- [ ] a1\n\n#### Deeper\n\n- [ ] d1\n\n### Sub B\n\n- [ ] b1\n',
    );
    const i = plan.sections.findIndex(s => s.title === 'Prepare');
    expect(ownItems(plan.sections, i).map(x => x.text)).toEqual(['own task']);
    const a = plan.sections.findIndex(s => s.title === 'Sub A');
    expect(ownItems(plan.sections, a).map(x => x.text)).toEqual(['a1']);
  });
});

describe('cutoverInProgress', () => {
  it('is true once a cutover task is done while others are open', () => {
    expect(cutoverInProgress(parsePhasePlan(KARAKEEP_PLAN_MD))).toBe(true);
  });

  it('is false before the first and after the last cutover task', () => {
    const before = KARAKEEP_PLAN_MD.replace('- [x] Lower', '- [ ] Lower');
    const after = KARAKEEP_PLAN_MD.replace(
      /- \[ \] (Switch|Watch)/g,
      '- [x] $1',
    );
    expect(cutoverInProgress(parsePhasePlan(before))).toBe(false);
    expect(cutoverInProgress(parsePhasePlan(after))).toBe(false);
  });
});
