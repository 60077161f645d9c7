import { parseProgress, statusAtStart, statusOnly } from './status';

describe('statusAtStart', () => {
  it.each([
    ['Planned', 'planned'],
    ['pending review', 'planned'],
    ['Planning', 'planned'],
    ['Not started', 'planned'],
    ['Ready to implement', 'planned'],
    ['⬜', 'planned'],
    ['📅 next month', 'planned'],
    ['In Progress', 'in-progress'],
    ['IN PROGRESS', 'in-progress'],
    ['in-progress', 'in-progress'],
    ['Implementation', 'in-progress'],
    ['🔄', 'in-progress'],
    ['🔶 half way', 'in-progress'],
    ['🚧 In Progress (90% Complete)', 'in-progress'],
    ['Complete', 'complete'],
    ['completed 2024-05-01', 'complete'],
    ['Done.', 'complete'],
    ['Released in v1.2', 'complete'],
    ['✅', 'complete'],
    ['Blocked on hardware', 'blocked'],
    ['⛔', 'blocked'],
    ['90% complete', 'in-progress'],
    ['100%', 'complete'],
    ['0% done', 'planned'],
  ])('reads %j as %s', (text, status) => {
    expect(statusAtStart(text)?.status).toBe(status);
  });

  it('lets the word win over a conflicting emoji', () => {
    expect(statusAtStart('✅ In Progress')?.status).toBe('in-progress');
  });

  it.each(['Donegal trip', 'Plannedness', 'unclear', '', '250%'])(
    'does not read a status from %j',
    text => {
      expect(statusAtStart(text)).toBeUndefined();
    },
  );
});

describe('statusOnly', () => {
  it('accepts a status followed only by emoji, dates or punctuation', () => {
    expect(statusOnly('Completed ✅')).toBe('complete');
    expect(statusOnly('Done, 2024-06-30')).toBe('complete');
  });

  it('rejects a status word that starts ordinary words', () => {
    expect(statusOnly('Planning the network')).toBeUndefined();
    expect(statusOnly('4-6 hours')).toBeUndefined();
  });
});

describe('parseProgress', () => {
  it('reads ratios and percentages', () => {
    expect(parseProgress('(90% Complete)')).toEqual({ percent: 90 });
    expect(parseProgress('7/10 tasks')).toEqual({ done: 7, total: 10 });
    expect(parseProgress('3 of 4 nodes, 75%')).toEqual({
      percent: 75,
      done: 3,
      total: 4,
    });
  });

  it('does not mistake dates for progress', () => {
    expect(parseProgress('done 2025/12/15')).toBeUndefined();
  });
});
