import { implies, matches, requirementsOf, withoutSource } from './selectors';

const reqs = (selector: unknown) => requirementsOf(selector, withoutSource)!;

describe('label selectors', () => {
  it('match as the API defines the four operators', () => {
    const selector = reqs({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['x'] },
        { key: 'team', operator: 'Exists' },
      ],
    });
    expect(matches(selector, { app: 'web', tier: 'a', team: 't' })).toBe(true);
    expect(
      matches(selector, { app: 'web', tier: 'a', team: 't', zone: 'x' }),
    ).toBe(false);
    expect(matches(selector, { app: 'web', tier: 'c', team: 't' })).toBe(false);
    expect(
      matches(selector, { app: 'web', tier: 'a', team: 't', canary: '1' }),
    ).toBe(false);
  });

  it('read Cilium source prefixes as the plain label', () => {
    expect(
      matches(reqs({ matchLabels: { 'k8s:app': 'web', 'any:tier': 'a' } }), {
        app: 'web',
        tier: 'a',
      }),
    ).toBe(true);
  });

  it('decide that a wider selector takes in every pod a narrower one selects', () => {
    const narrow = reqs({
      matchLabels: { app: 'web', tier: 'a' },
    });
    expect(implies(narrow, reqs({}))).toBe(true);
    expect(implies(narrow, reqs({ matchLabels: { app: 'web' } }))).toBe(true);
    expect(
      implies(
        narrow,
        reqs({
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['a', 'b'] },
          ],
        }),
      ),
    ).toBe(true);
    expect(
      implies(
        narrow,
        reqs({
          matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b'] }],
        }),
      ),
    ).toBe(true);
    expect(implies(reqs({}), reqs({ matchLabels: { app: 'web' } }))).toBe(
      false,
    );
  });

  it('refuse an unknown operator instead of guessing', () => {
    expect(
      requirementsOf({ matchExpressions: [{ key: 'a', operator: 'Gt' }] }),
    ).toBeUndefined();
  });
});
