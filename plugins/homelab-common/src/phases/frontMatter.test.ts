import { parsePhasePlan } from './parsePhasePlan';

describe('YAML front matter', () => {
  it('reads a quoted status as the status, without its quotes', () => {
    const plan = parsePhasePlan('---\nstatus: "In Progress"\n---\n- [ ] a\n');
    expect(plan).toMatchObject({
      status: 'in-progress',
      statusSource: 'declared',
      declaredStatus: 'In Progress',
      drift: [],
    });
  });

  it('ignores keys it does not know', () => {
    const plan = parsePhasePlan(
      '---\nowner: me\ntags: [network, dns]\nreviewers:\n  - a\n  - b\ntitle: DNS move\n---\n',
    );
    expect(plan.title).toBe('DNS move');
    expect(plan.drift).toEqual([]);
  });

  it('keeps a target version as written', () => {
    expect(parsePhasePlan('---\ntarget: 1.10\n---\n').targetVersion).toBe(
      '1.10',
    );
  });

  it('reads a block scalar and a list of prerequisites', () => {
    const plan = parsePhasePlan(
      '---\nstatus: >-\n  Blocked\nprerequisites:\n  - Phase 4.1\n  - a spare disk\n---\n',
    );
    expect(plan).toMatchObject({
      status: 'blocked',
      prerequisites: ['4.1', 'a spare disk'],
    });
  });

  it('reports invalid YAML with the line in the file and still reads the body', () => {
    const plan = parsePhasePlan(
      '---\ntitle: DNS\nstatus: "In Progress\n---\n# Plan\n- [x] a\n',
    );
    expect(plan.tasks).toEqual({ done: 1, open: 0 });
    expect(plan.drift).toEqual([
      {
        kind: 'invalid-front-matter',
        message: expect.stringMatching(
          /^The front matter is not valid YAML at line 3: Missing closing "quote\. Fix it or remove the --- lines around it$/,
        ),
      },
    ]);
  });

  it('reports front matter that is a list rather than keys', () => {
    const plan = parsePhasePlan('---\n- a\n- b\n---\n');
    expect(plan.drift.map(d => d.kind)).toEqual(['invalid-front-matter']);
  });
});
