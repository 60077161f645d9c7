import fs from 'node:fs';
import path from 'node:path';
import { lintManifests } from '../lintManifests';
import { readLintInputs } from '../readLintInputs';
import { proxyChecksOfPlans } from './proxyChecksOfPlans';
import { PORTAL_PROXY_RULE } from './portalProxyRule';

// The repository's own phase plans and manifests: every http check through the
// service proxy has its Role, and the portal has services/proxy nowhere else.
const ROOT = path.resolve(__dirname, '../../../../..');
const PLANS = path.join(ROOT, 'docs/phases');

describe("the repository's services/proxy grants", () => {
  it('follow the http checks of the phase plans, both ways', () => {
    const plans = fs
      .readdirSync(PLANS)
      .filter(f => f.endsWith('.md'))
      .map(f => ({
        path: `docs/phases/${f}`,
        content: fs.readFileSync(path.join(PLANS, f), 'utf8'),
      }));
    const proxyChecks = proxyChecksOfPlans(plans);
    expect(
      proxyChecks.map(c => `${c.namespace}/${c.service}:${c.port}`),
    ).toContain('karakeep/karakeep:http');
    const read = readLintInputs([path.join(ROOT, 'manifests')]);
    expect(read.problems).toEqual([]);
    const inputs = read.inputs.map(i => ({
      path: path.relative(ROOT, i.path),
      content: i.content,
    }));
    const findings = lintManifests(inputs, { proxyChecks }).findings.filter(
      f => f.rule === PORTAL_PROXY_RULE,
    );
    expect(findings.map(f => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });
});
