import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintManifests } from '../../lint/lintManifests';
import { proxyChecksOfPlans } from '../../lint/portalProxy/proxyChecksOfPlans';
import { importComposeStack } from './importComposeStack';

const fixtures = path.join(__dirname, '../../../fixtures/compose');
const read = (file: string) =>
  fs.readFileSync(path.join(fixtures, file), 'utf8');

describe('the http checks of an imported stack', () => {
  const stack = importComposeStack(read('media/compose.yaml'), {
    sources: { envFile: read('media/.env') },
  });
  const plan = stack.files.find(f => f.path === 'media/MIGRATION.md')!;
  const proxyChecks = proxyChecksOfPlans([plan]);

  it('are declared for the Deployments whose compose healthcheck is an HTTP request', () => {
    // The reference: the services of media/compose.yaml whose healthcheck curls or
    // wgets localhost, and the port and path it asks for.
    expect(
      proxyChecks.map(c => `${c.namespace}/${c.service}:${c.port}`).sort(),
    ).toEqual([
      'media/jellyfin:http',
      'media/n8n:http',
      'media/radarr:http',
      'media/sonarr:http',
    ]);
    expect(plan.content).toContain(
      '`sonarr` answers `/ping` <!-- check: http namespace=media service=sonarr port=http path=/ping status=2xx -->',
    );
  });

  it('have exactly the services/proxy Roles they need, and the render lints clean', () => {
    const result = lintManifests(
      stack.files.filter(f => /\.ya?ml$/.test(f.path)),
      { proxyChecks },
    );
    expect(result.findings.filter(f => f.severity === 'error')).toEqual([]);
    const roles = stack.files
      .filter(f => f.path.endsWith('/portal-proxy-rbac.yaml'))
      .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
      .filter(o => o.kind === 'Role');
    expect(
      roles
        .map(r => r.rules[0].resourceNames)
        .flat()
        .sort(),
    ).toEqual(proxyChecks.map(c => `${c.service}:${c.port}`).sort());
  });

  it('binds the Roles to the portal account given', () => {
    const portalAccount = { name: 'dev-portal', namespace: 'tools' };
    const other = importComposeStack(read('media/compose.yaml'), {
      sources: { envFile: read('media/.env') },
      portalAccount,
    });
    const bindings = other.files
      .filter(f => f.path.endsWith('/portal-proxy-rbac.yaml'))
      .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
      .filter(o => o.kind === 'RoleBinding');
    expect(bindings.map(b => b.subjects)).toEqual(
      proxyChecks.map(() => [{ kind: 'ServiceAccount', ...portalAccount }]),
    );
  });
});
