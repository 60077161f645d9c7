import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { lintManifests } from '../lint/lintManifests';
import { proxyChecksOfPlans } from '../lint/portalProxy/proxyChecksOfPlans';
import { parseServiceSpec } from '../spec/parseServiceSpec';
import { portalProbeDeclaration } from '../spec/portalProbe';
import type { ServiceSpec, ServiceSpecInput } from '../spec/serviceSpec';
import { renderManifests } from './renderManifests';

const input: ServiceSpecInput = {
  name: 'karakeep',
  owner: 'group:default/homelab',
  namespace: { name: 'karakeep', create: true },
  image: 'ghcr.io/karakeep-app/karakeep:0.24.1',
  ports: [
    { name: 'http', port: 3000 },
    { name: 'metrics', port: 9090 },
  ],
  resources: {
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { memory: '1Gi' },
  },
  portalProbe: { port: 'http', path: '/api/health' },
};

function specOf(change: (spec: any) => void = () => {}): ServiceSpec {
  const draft = structuredClone(input) as any;
  change(draft);
  const result = parseServiceSpec(draft);
  if (!result.success) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

function problems(change: (spec: any) => void) {
  const draft = structuredClone(input) as any;
  change(draft);
  const result = parseServiceSpec(draft);
  return result.success
    ? []
    : result.problems.map(p => `${p.path}: ${p.message}`);
}

const planWith = (spec: ServiceSpec) =>
  proxyChecksOfPlans([
    {
      path: 'docs/phases/karakeep.md',
      content: `## Cutover\n\n- [ ] It answers <!-- ${portalProbeDeclaration(
        spec.namespace.name,
        spec.name,
        spec.portalProbe!,
      )} -->\n`,
    },
  ]);

const rbacFile = (spec: ServiceSpec, options = {}) =>
  renderManifests(spec, options).find(f =>
    f.path.endsWith('/portal-proxy-rbac.yaml'),
  );

describe('portalProbe', () => {
  it('renders the Role the hand-written Karakeep grant is, for the one port, applied by kustomize', () => {
    const spec = specOf();
    const files = renderManifests(spec);
    const rbac = rbacFile(spec)!;
    expect(rbac.path).toBe('karakeep/karakeep/portal-proxy-rbac.yaml');
    const [role, binding] = parseAllDocuments(rbac.content).map(d => d.toJS());
    const reference = parseAllDocuments(
      fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../../manifests/karakeep/portal-proxy-rbac.yaml',
        ),
        'utf8',
      ),
    ).map(d => d.toJS());
    expect(role.rules).toEqual(reference[0].rules);
    expect(binding.subjects).toEqual(reference[1].subjects);
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: role.metadata.name,
    });
    expect(role.metadata.namespace).toBe('karakeep');
    const kustomization = files.find(
      f => f.path === 'karakeep/karakeep/kustomization.yaml',
    )!;
    expect(parse(kustomization.content).resources).toContain(
      'portal-proxy-rbac.yaml',
    );
  });

  it('lints clean with the plan check it declares, and the check runs where the Role allows', () => {
    for (const podSecurity of ['restricted', 'baseline'] as const) {
      const spec = specOf(s => {
        s.namespace.podSecurity = podSecurity;
      });
      const result = lintManifests(renderManifests(spec), {
        pssLevel: podSecurity,
        proxyChecks: planWith(spec),
      });
      expect(result.findings.filter(f => f.severity !== 'info')).toEqual([]);
    }
    const other = specOf(s => {
      s.portalProbe.port = 'metrics';
    });
    const mismatch = lintManifests(renderManifests(specOf()), {
      proxyChecks: planWith(other),
    });
    expect(
      mismatch.findings.filter(f => f.severity !== 'info').map(f => f.rule),
    ).toEqual(['portal-service-proxy', 'portal-service-proxy']);
  });

  it('binds the configured portal account, and renders nothing without portalProbe', () => {
    const account = { name: 'dev-portal', namespace: 'tools' };
    const [, binding] = parseAllDocuments(
      rbacFile(specOf(), { portalAccount: account })!.content,
    ).map(d => d.toJS());
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', ...account }]);
    expect(() =>
      renderManifests(specOf(), {
        portalAccount: { name: 'Portal', namespace: 'tools' },
      }),
    ).toThrow(/^portalAccount.name: /);
    expect(
      rbacFile(
        specOf(s => {
          delete s.portalProbe;
        }),
      ),
    ).toBeUndefined();
  });

  it('refuses a probe the Role and the plan check could not agree on, naming the field', () => {
    expect(problems(s => (s.portalProbe.port = 3000))).toEqual([
      'portalProbe.port: must be a string, got number; change the value to a string',
    ]);
    expect(problems(s => (s.portalProbe.port = 'web'))).toEqual([
      'portalProbe.port: must be the name of one of the declared TCP ports (http, metrics)',
    ]);
    expect(problems(s => (s.portalProbe.path = '/a/../../secrets'))).toEqual([
      'portalProbe.path: path=/a/../../secrets must not contain . or .. segments (they would leave the service proxy)',
    ]);
    expect(problems(s => (s.portalProbe.path = '/a--b'))).toEqual([
      'portalProbe.path: must not contain spaces, "--", "<" or ">": the check is an HTML comment in the plan',
    ]);
    expect(problems(s => (s.portalProbe.status = 'ok'))).toEqual([
      'portalProbe.status: status=ok: "ok" is not an HTTP status; write codes or classes such as status=200 or status=2xx,301',
    ]);
    expect(
      problems(s => {
        s.ports = [];
      }),
    ).toEqual([
      'portalProbe.port: needs a TCP port to check; remove portalProbe from a workload without ports',
    ]);
  });
});
