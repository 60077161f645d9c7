import { lintManifests } from '../lintManifests';
import type { LintOptions } from '../types';
import { proxyChecksOfPlans } from './proxyChecksOfPlans';

const PLAN = `# Phase 9 - Web

## Cutover

- [ ] Web answers <!-- check: http namespace=web service=web port=http path=/healthz -->
`;

const roleAndBinding = ({
  namespace = 'web',
  names = '["web:http"]',
  verbs = '[get]',
  resources = '[services/proxy]',
  subject = 'name: homelab-portal\n    namespace: portal',
} = {}) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: portal-proxy
  namespace: ${namespace}
rules:
  - apiGroups: [""]
    resources: ${resources}
    ${names ? `resourceNames: ${names}` : ''}
    verbs: ${verbs}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: portal-proxy
  namespace: ${namespace}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: portal-proxy
subjects:
  - kind: ServiceAccount
    ${subject}
`;

const options = (plan = PLAN): LintOptions => ({
  proxyChecks: proxyChecksOfPlans([
    { path: 'docs/phases/web.md', content: plan },
  ]),
});

function proxyFindings(content: string, opts = options()) {
  return lintManifests([{ path: 'rbac.yaml', content }], opts)
    .findings.filter(f => f.rule === 'portal-service-proxy')
    .map(f => `${f.file}:${f.line} ${f.message}`);
}

describe('portal-service-proxy', () => {
  it('passes a Role granting get on the checked Service port to the portal', () => {
    expect(proxyFindings(roleAndBinding())).toEqual([]);
    expect(
      proxyFindings(roleAndBinding({ names: '["web:http", "http:web:http"]' })),
    ).toEqual([]);
  });

  it('names the plan line and the missing grant when there is no Role', () => {
    expect(proxyFindings('')).toEqual([
      'docs/phases/web.md:5 The http check of service web:http goes through the service proxy, but no Role in namespace web grants ServiceAccount portal/homelab-portal get on services/proxy "web:http"',
    ]);
  });

  it('does not count a Role bound to another account, or for another port', () => {
    const other = proxyFindings(
      roleAndBinding({ subject: 'name: someone\n    namespace: portal' }),
    );
    expect(other).toHaveLength(1);
    expect(other[0]).toMatch(
      /^docs\/phases\/web.md:5 .*no Role in namespace web/,
    );
    const port = proxyFindings(roleAndBinding({ names: '["web:80"]' }));
    expect(port).toEqual([
      expect.stringMatching(/^docs\/phases\/web.md:5 /),
      expect.stringMatching(
        /^rbac.yaml:9 Role portal-proxy grants .* services\/proxy "web:80" in namespace web, but no phase plan checks that Service port/,
      ),
    ]);
  });

  it('flags a grant in a namespace no plan checks through the proxy', () => {
    expect(proxyFindings(roleAndBinding({ namespace: 'db' }))).toEqual([
      expect.stringMatching(/^docs\/phases\/web.md:5 /),
      'rbac.yaml:17 RoleBinding portal-proxy gives ServiceAccount portal/homelab-portal services/proxy in namespace db through Role portal-proxy, but no phase plan declares an http check through the service proxy there',
    ]);
    expect(
      proxyFindings(roleAndBinding(), options('# No cutover here\n')),
    ).toHaveLength(1);
  });

  it('flags verbs other than get, every Service, and other resources', () => {
    expect(proxyFindings(roleAndBinding({ verbs: '[get, create]' }))).toEqual([
      'rbac.yaml:10 Role portal-proxy grants ServiceAccount portal/homelab-portal services/proxy with verbs [get, create]; a check only GETs',
    ]);
    expect(proxyFindings(roleAndBinding({ names: '' }))).toEqual([
      'rbac.yaml:7 Role portal-proxy grants ServiceAccount portal/homelab-portal services/proxy for every Service in namespace web',
    ]);
    expect(
      proxyFindings(roleAndBinding({ resources: '["*"]', names: '' })),
    ).toEqual([
      'rbac.yaml:7 Role portal-proxy grants ServiceAccount portal/homelab-portal services/proxy for every Service in namespace web',
      'rbac.yaml:8 Role portal-proxy grants * to ServiceAccount portal/homelab-portal; the cutover checks need only services/proxy',
    ]);
  });

  it('flags services/proxy given cluster-wide, also through a group', () => {
    const cluster = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: proxy-all
rules:
  - apiGroups: [""]
    resources: ["*/proxy"]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: proxy-all
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: proxy-all
subjects:
  - kind: Group
    name: system:serviceaccounts:portal
`;
    expect(proxyFindings(`${roleAndBinding()}---\n${cluster}`)).toEqual([
      'rbac.yaml:39 ClusterRoleBinding proxy-all gives ServiceAccount portal/homelab-portal services/proxy in every namespace through ClusterRole proxy-all',
    ]);
  });

  it('judges against the configured account, and not at all without plans', () => {
    const renamed = roleAndBinding({
      subject: 'name: dev-portal\n    namespace: tools',
    });
    expect(
      proxyFindings(renamed, {
        ...options(),
        portalAccount: { name: 'dev-portal', namespace: 'tools' },
      }),
    ).toEqual([]);
    expect(proxyFindings(roleAndBinding({ namespace: 'db' }), {})).toEqual([]);
  });
});
