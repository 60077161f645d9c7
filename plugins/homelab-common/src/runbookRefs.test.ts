import { checkRunbookRefs, parseRunbookRefs } from './runbookRefs';

describe('parseRunbookRefs', () => {
  it('reads a comma-separated list of entity refs and page paths', () => {
    expect(
      parseRunbookRefs(
        'component:default/karakeep#runbooks/restore, ollama#/runbooks/pull-model ,',
      ),
    ).toEqual([
      { entityRef: 'component:default/karakeep', path: 'runbooks/restore' },
      { entityRef: 'ollama', path: 'runbooks/pull-model' },
    ]);
  });

  it('returns nothing for an empty value', () => {
    expect(parseRunbookRefs('')).toEqual([]);
    expect(parseRunbookRefs(' , ')).toEqual([]);
  });
});

describe('checkRunbookRefs', () => {
  it('reports bad entries with the fix instead of throwing', () => {
    const { refs, problems } = checkRunbookRefs(
      'karakeep, bad ref#page, ollama#, ok#runbooks/a, x#a#b',
    );
    expect(refs).toEqual([{ entityRef: 'ok', path: 'runbooks/a' }]);
    expect(problems.map(p => p.entry)).toEqual([
      'karakeep',
      'bad ref#page',
      'ollama#',
      'x#a#b',
    ]);
    expect(problems[0].message).toContain('<entity-ref>#<page path>');
    expect(problems[1].message).toContain('[kind:][namespace/]name');
  });
});
