import fc from 'fast-check';
import { lintManifests } from '../lint/lintManifests';
import { parseServiceSpec } from '../spec/parseServiceSpec';
import { renderManifests } from './renderManifests';
import { serviceSpecArbitrary } from './__testUtils__/specArbitrary';

describe('rendered manifests', () => {
  it('lint with no errors and no warnings at the spec’s Pod Security level', () => {
    fc.assert(
      fc.property(serviceSpecArbitrary, input => {
        const parsed = parseServiceSpec(input);
        if (!parsed.success) throw new Error(JSON.stringify(parsed.problems));
        const files = renderManifests(parsed.spec);
        const result = lintManifests(files, {
          pssLevel: parsed.spec.namespace.podSecurity,
        });
        const problems = result.findings.filter(f => f.severity !== 'info');
        expect(problems).toEqual([]);
      }),
      { numRuns: 150, seed: 18 },
    );
  });
});
