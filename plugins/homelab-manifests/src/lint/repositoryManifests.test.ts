import fs from 'node:fs';
import path from 'node:path';
import { lintManifests } from './lintManifests';
import { proxyChecksOfPlans } from './portalProxy/proxyChecksOfPlans';
import { readLintInputs } from './readLintInputs';

// The repository's own manifests, the portal's among them, as `homelab lint manifests/
// --plans docs/phases` reads them: the portal must be the first service it manages well.
const ROOT = path.resolve(__dirname, '../../../..');
const PLANS = path.join(ROOT, 'docs/phases');

describe("the repository's manifests/", () => {
  it('lint with no error and no warning, manifests/portal included', () => {
    const read = readLintInputs([path.join(ROOT, 'manifests')]);
    expect(read.problems).toEqual([]);
    const inputs = read.inputs.map(i => ({
      path: path.relative(ROOT, i.path),
      content: i.content,
    }));
    for (const file of ['deployment.yaml', 'networkpolicy.yaml', 'rbac.yaml']) {
      expect(inputs.map(i => i.path)).toContain(`manifests/portal/${file}`);
    }
    const plans = fs
      .readdirSync(PLANS)
      .filter(f => f.endsWith('.md'))
      .map(f => ({
        path: `docs/phases/${f}`,
        content: fs.readFileSync(path.join(PLANS, f), 'utf8'),
      }));
    const { findings } = lintManifests(inputs, {
      proxyChecks: proxyChecksOfPlans(plans),
    });
    expect(
      findings
        .filter(f => f.severity !== 'info')
        .map(f => `${f.severity} ${f.file}:${f.line} ${f.rule}: ${f.message}`),
    ).toEqual([]);
  });
});
