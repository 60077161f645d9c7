import fc from 'fast-check';
import { lintManifests } from '../lint/lintManifests';
import { proxyChecksOfPlans } from '../lint/portalProxy/proxyChecksOfPlans';
import { portalProbeDeclaration } from '../spec/portalProbe';
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
        const { spec } = parsed;
        // With a portalProbe, its Role is exactly what the plan's check needs.
        const result = lintManifests(files, {
          pssLevel: spec.namespace.podSecurity,
          proxyChecks: spec.portalProbe
            ? proxyChecksOfPlans([
                {
                  path: 'plan.md',
                  content: `## Cutover\n\n- [ ] x <!-- ${portalProbeDeclaration(
                    spec.namespace.name,
                    spec.name,
                    spec.portalProbe,
                  )} -->\n`,
                },
              ])
            : [],
        });
        const problems = result.findings.filter(f => f.severity !== 'info');
        expect(problems).toEqual([]);
      }),
      { numRuns: 150, seed: 18 },
    );
  });
});
