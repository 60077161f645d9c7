import { parseAllDocuments } from 'yaml';
import { lintManifests } from '../lint/lintManifests';
import { assertServiceSpec, parseServiceSpec } from '../spec/parseServiceSpec';
import { withGatewayDataPlane } from '../spec/gateway';
import { renderManifestSet } from './renderManifests';

const input = (dataPlane?: unknown) => ({
  name: 'miniflux',
  owner: 'group:default/homelab',
  namespace: { name: 'miniflux', create: true },
  image: 'ghcr.io/miniflux/miniflux:2.2.6',
  ports: [{ name: 'http', port: 8080 }],
  hostnames: ['miniflux'],
  gateway: { name: 'homelab', namespace: 'gateway', dataPlane },
  resources: {
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { memory: '256Mi' },
  },
});

const policies = (dataPlane?: unknown) => {
  const result = renderManifestSet(assertServiceSpec(input(dataPlane)));
  const file = result.files.find(f => f.path.endsWith('/networkpolicy.yaml'))!;
  return {
    docs: parseAllDocuments(file.content).map(d => d.toJS()),
    warnings: result.warnings,
    files: result.files,
  };
};

describe('ingress from the gateway’s data plane', () => {
  it('admits Envoy Gateway’s proxy pods of this Gateway from envoy-gateway-system', () => {
    const { docs, warnings } = policies('envoy-gateway');
    expect(docs[0].spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: {
                'kubernetes.io/metadata.name': 'envoy-gateway-system',
              },
            },
            podSelector: {
              matchLabels: {
                'app.kubernetes.io/name': 'envoy',
                'app.kubernetes.io/component': 'proxy',
                'app.kubernetes.io/managed-by': 'envoy-gateway',
                'gateway.envoyproxy.io/owning-gateway-name': 'homelab',
                'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway',
              },
            },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('admits k3s’s Traefik from kube-system', () => {
    const [policy] = policies('traefik').docs;
    expect(policy.spec.ingress[0].from).toEqual([
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
        },
        podSelector: {
          matchLabels: { 'app.kubernetes.io/name': 'traefik' },
        },
      },
    ]);
  });

  it('admits Cilium’s gateway through a CiliumNetworkPolicy, since no NetworkPolicy selects the ingress identity', () => {
    const { docs, files } = policies('cilium');
    expect(docs[0].spec.ingress).toEqual([]);
    expect(docs[1]).toMatchObject({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'miniflux-from-gateway', namespace: 'miniflux' },
      spec: {
        endpointSelector: {
          matchLabels: { 'app.kubernetes.io/name': 'miniflux' },
        },
        ingress: [
          {
            fromEntities: ['ingress'],
            toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }],
          },
        ],
      },
    });
    const problems = lintManifests(files).findings.filter(
      f => f.severity !== 'info',
    );
    expect(problems).toEqual([]);
  });

  it('takes a custom namespace and pod labels', () => {
    const [policy] = policies({
      namespace: 'ingress-nginx',
      podLabels: { 'app.kubernetes.io/component': 'controller' },
    }).docs;
    expect(policy.spec.ingress[0].from[0].podSelector).toEqual({
      matchLabels: { 'app.kubernetes.io/component': 'controller' },
    });
  });

  it('falls back to the Gateway’s namespace and says so when dataPlane is not set', () => {
    const { docs, warnings } = policies();
    expect(docs[0].spec.ingress[0].from).toEqual([
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'gateway' },
        },
      },
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/gateway\.dataPlane is not set/),
    ]);
  });

  it('names the field and the choices for a wrong data plane', () => {
    const problems = (dataPlane: unknown) => {
      const result = parseServiceSpec(input(dataPlane));
      return result.success ? [] : result.problems;
    };
    expect(problems('istio')).toEqual([
      {
        path: 'gateway.dataPlane',
        message: 'is "istio"; use one of "envoy-gateway", "cilium", "traefik"',
      },
    ]);
    expect(
      problems({ namespace: 'Envoy', podLabels: { 'bad key': 'x' } }),
    ).toEqual([
      { path: 'gateway.dataPlane.namespace', message: expect.any(String) },
      {
        path: 'gateway.dataPlane.podLabels["bad key"]',
        message: expect.stringMatching(/label key "bad key" is invalid/),
      },
    ]);
  });

  it('fills a missing dataPlane from configuration, never over the spec’s own', () => {
    expect(withGatewayDataPlane(input(), 'traefik').gateway.dataPlane).toBe(
      'traefik',
    );
    expect(
      withGatewayDataPlane(input('cilium'), 'traefik').gateway.dataPlane,
    ).toBe('cilium');
    const { gateway, ...noGateway } = input();
    expect(withGatewayDataPlane(noGateway, 'traefik')).toEqual(noGateway);
  });
});
