import { lintManifests } from '../lintManifests';
import type { LintOptions } from '../types';

const dns = (content: string, options: LintOptions = {}) =>
  lintManifests([{ path: 'p.yaml', content }], options)
    .findings.filter(f => f.rule === 'networkpolicy-dns-egress')
    .map(f => `${f.line} ${f.severity}`);

const policy = (
  spec: string,
  namespace = 'apps',
) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: ${namespace} }
spec:
${spec}`;

const KUBE_DNS = `namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
          podSelector: { matchLabels: { k8s-app: kube-dns } }`;

describe('networkpolicy-dns-egress on Kubernetes NetworkPolicy', () => {
  it('reports a DNS rule without protocol, because the API defaults it to TCP', () => {
    const content = policy(`  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ${KUBE_DNS}
      ports:
        - port: 53
`);
    expect(dns(content)).toEqual(['12 error']);
  });

  it('passes UDP and TCP 53 to kube-dns, and warns when TCP 53 is missing', () => {
    const both = policy(`  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ${KUBE_DNS}
      ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
`);
    expect(dns(both)).toEqual([]);
    expect(dns(both.replace(', { port: 53, protocol: TCP }', ''))).toEqual([
      '11 warning',
    ]);
  });

  it('does not treat egress: [] without policyTypes as restricting egress', () => {
    expect(dns(policy('  podSelector: {}\n  egress: []\n'))).toEqual([]);
    expect(
      dns(policy('  podSelector: {}\n  policyTypes: []\n  egress: []\n')),
    ).toEqual([]);
  });

  it('defaults policyTypes to Egress when egress has a rule, so a rule to postgres alone breaks DNS', () => {
    const content = policy(`  podSelector: { matchLabels: { app: web } }
  egress:
    - to: [{ podSelector: { matchLabels: { app: postgres } } }]
      ports: [{ port: 5432 }]
`);
    expect(dns(content)).toEqual(['6 error']);
  });

  it('lets a rule without `to` reach every destination, DNS included, and one without ports every port', () => {
    expect(
      dns(
        policy(
          '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ port: 53, protocol: UDP }, { port: 53 }]\n',
        ),
      ),
    ).toEqual([]);
    expect(
      dns(
        policy(
          `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ${KUBE_DNS}\n`,
        ),
      ),
    ).toEqual([]);
    expect(
      dns(
        policy('  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]\n'),
      ),
    ).toEqual([]);
  });

  it('accepts CoreDNS port names and port ranges that take in 53', () => {
    const rule = (ports: string) =>
      policy(
        `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ${KUBE_DNS}\n      ports: ${ports}\n`,
      );
    expect(
      dns(rule('[{ port: dns, protocol: UDP }, { port: dns-tcp }]')),
    ).toEqual([]);
    expect(
      dns(rule('[{ port: 1, endPort: 1024, protocol: UDP }, { port: 53 }]')),
    ).toEqual([]);
    expect(dns(rule('[{ port: dns }, { port: 53 }]'))).toEqual(['11 error']);
  });

  it('counts a podSelector without namespaceSelector only in the policy’s own namespace', () => {
    const content = (namespace: string) =>
      policy(
        `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{ podSelector: { matchLabels: { k8s-app: kube-dns } } }]\n      ports: [{ port: 53, protocol: UDP }, { port: 53 }]\n`,
        namespace,
      );
    expect(dns(content('apps'))).toEqual(['8 error']);
    expect(dns(content('kube-system'))).toEqual([]);
  });

  it('counts any namespace and any pod of kube-system as possible DNS peers', () => {
    for (const peer of [
      'namespaceSelector: {}',
      'namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }',
      'namespaceSelector: { matchExpressions: [{ key: kubernetes.io/metadata.name, operator: In, values: [kube-system, monitoring] }] }',
    ]) {
      expect(
        dns(
          policy(
            `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ${peer} }]\n      ports: [{ port: 53, protocol: UDP }, { port: 53 }]\n`,
          ),
        ),
      ).toEqual([]);
    }
  });

  it('accepts an ipBlock covering the pod network, not one of the service CIDR or one that excepts it', () => {
    const block = (cidr: string) =>
      policy(
        `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ipBlock: ${cidr} }]\n      ports: [{ port: 53, protocol: UDP }, { port: 53 }]\n`,
      );
    expect(dns(block('{ cidr: 10.0.0.0/8 }'))).toEqual([]);
    expect(dns(block('{ cidr: 10.43.0.0/16 }'))).toEqual(['8 error']);
    expect(dns(block('{ cidr: 0.0.0.0/0, except: [10.0.0.0/8] }'))).toEqual([
      '8 error',
    ]);
    // kubeadm with Flannel: the pod network is 10.244.0.0/16.
    expect(
      dns(block('{ cidr: 10.244.0.0/16 }'), { podCidrs: ['10.244.0.0/16'] }),
    ).toEqual([]);
    expect(() =>
      lintManifests([{ path: 'p.yaml', content: '' }], {
        podCidrs: ['10.244.0.0'],
      }),
    ).toThrow(/^podCidrs: "10.244.0.0" is not a CIDR/);
  });

  it('judges each pod of the input by all the policies that select it', () => {
    const content = `${policy(
      '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n',
    )}
---
${policy(`  podSelector: { matchLabels: { app: web } }
  egress:
    - to:
        - ${KUBE_DNS}
      ports: [{ port: 53, protocol: UDP }, { port: 53 }]
`).replace('name: p', 'name: web-dns')}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: apps }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
`;
    expect(dns(content)).toEqual([]);
    const withDb = `${content}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: db, namespace: apps }
spec:
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: "postgres:16.4" }] }
`;
    const findings = lintManifests([
      { path: 'p.yaml', content: withDb },
    ]).findings.filter(f => f.rule === 'networkpolicy-dns-egress');
    expect(findings.map(f => [f.line, f.name])).toEqual([[6, 'p']]);
    expect(findings[0].message).toMatch(/Deployment db/);
  });
});

const cilium = (
  spec: string,
  kind = 'CiliumNetworkPolicy',
) => `apiVersion: cilium.io/v2
kind: ${kind}
metadata: { name: c, namespace: apps }
${spec}`;

const CILIUM_DNS = `- toEndpoints:
        - matchLabels: { "k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns }
      toPorts:
        - ports: [{ port: "53" }]`;

describe('networkpolicy-dns-egress on Cilium policies', () => {
  it('reads a port without protocol as ANY, unlike a NetworkPolicy', () => {
    expect(
      dns(
        cilium(`spec:\n  endpointSelector: {}\n  egress:\n    ${CILIUM_DNS}\n`),
      ),
    ).toEqual([]);
  });

  it('reports a TCP-only DNS rule at its port', () => {
    expect(
      dns(
        cilium(
          `spec:\n  endpointSelector: {}\n  egress:\n    ${CILIUM_DNS.replace(
            '"53" }',
            '"53", protocol: TCP }',
          )}\n`,
        ),
      ),
    ).toEqual(['10 error']);
  });

  it('treats `egress: [{}]` as deny-all and an L4-only rule as every destination', () => {
    expect(
      dns(cilium('spec:\n  endpointSelector: {}\n  egress: [{}]\n')),
    ).toEqual(['6 error']);
    expect(
      dns(
        cilium(
          'spec:\n  endpointSelector: {}\n  egress:\n    - toPorts: [{ ports: [{ port: "53" }] }]\n',
        ),
      ),
    ).toEqual([]);
  });

  it('lets an explicitly empty toEndpoints select no destination', () => {
    expect(
      dns(
        cilium(
          'spec:\n  endpointSelector: {}\n  egress:\n    - toEndpoints: []\n      toPorts: [{ ports: [{ port: "53" }] }]\n',
        ),
      ),
    ).toEqual(['6 error']);
  });

  it('does not restrict egress with enableDefaultDeny.egress false or without egress rules', () => {
    const toPostgres =
      '    - toEndpoints: [{ matchLabels: { app: postgres } }]\n';
    expect(
      dns(
        cilium(
          `spec:\n  endpointSelector: {}\n  enableDefaultDeny: { egress: false }\n  egress:\n${toPostgres}`,
        ),
      ),
    ).toEqual([]);
    expect(
      dns(cilium(`spec:\n  endpointSelector: {}\n  egress: []\n`)),
    ).toEqual([]);
    expect(
      dns(cilium(`spec:\n  endpointSelector: {}\n  egress:\n${toPostgres}`)),
    ).toEqual(['7 error']);
  });

  it('lets toEntities cluster or all reach DNS, but not world or kube-apiserver', () => {
    const entities = (list: string) =>
      cilium(
        `spec:\n  endpointSelector: {}\n  egress:\n    - toEntities: [${list}]\n      toPorts: [{ ports: [{ port: "53" }] }]\n`,
      );
    expect(dns(entities('cluster'))).toEqual([]);
    expect(dns(entities('all'))).toEqual([]);
    expect(dns(entities('world, kube-apiserver'))).toEqual(['7 error']);
  });

  it('never lets a CIDR rule reach the DNS pods', () => {
    expect(
      dns(
        cilium(
          'spec:\n  endpointSelector: {}\n  egress:\n    - toCIDR: [10.42.0.0/16]\n      toPorts: [{ ports: [{ port: "53" }] }]\n',
        ),
      ),
    ).toEqual(['7 error']);
  });

  it('reports an egressDeny rule that blocks DNS, since deny wins', () => {
    const content = cilium(
      `spec:\n  endpointSelector: {}\n  egress:\n    ${CILIUM_DNS}\n  egressDeny:\n    - toEntities: [cluster]\n      toPorts: [{ ports: [{ port: "53", protocol: UDP }] }]\n`,
    );
    expect(dns(content)).toEqual(['12 error']);
  });

  it('needs rules.dns on the DNS rule for toFQDNs to match anything', () => {
    const fqdn =
      '    - toFQDNs: [{ matchName: api.github.com }]\n      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]\n';
    const without = cilium(
      `spec:\n  endpointSelector: {}\n  egress:\n    ${CILIUM_DNS}\n${fqdn}`,
    );
    expect(dns(without)).toEqual(['11 error']);
    const proxied = without.replace(
      'ports: [{ port: "53" }]',
      'ports: [{ port: "53" }]\n          rules: { dns: [{ matchPattern: "*" }] }',
    );
    expect(dns(proxied)).toEqual([]);
  });

  it('judges each rule of specs and lets a clusterwide DNS rule cover namespaced policies', () => {
    const clusterwide = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: dns }
spec:
  endpointSelector: { matchExpressions: [{ key: io.kubernetes.pod.namespace, operator: NotIn, values: [kube-system] }] }
  egress:
    ${CILIUM_DNS}
`;
    const namespaced = cilium(`specs:
  - endpointSelector: { matchLabels: { app: web } }
    egress:
      - toEndpoints: [{ matchLabels: { app: postgres } }]
  - endpointSelector: { matchLabels: { app: worker } }
    egress:
      - toEntities: [world]
`);
    expect(dns(namespaced)).toEqual(['7 error', '10 error']);
    expect(dns(`${clusterwide}---\n${namespaced}`)).toEqual([]);
  });

  it('reports other policy kinds as not judged', () => {
    const calico = `apiVersion: crd.antrea.io/v1beta1
kind: ClusterNetworkPolicy
metadata: { name: a }
spec: { priority: 5 }
`;
    expect(dns(calico)).toEqual(['2 info']);
  });
});
