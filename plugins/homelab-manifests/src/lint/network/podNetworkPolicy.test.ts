import { lintManifests } from '../lintManifests';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: media }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
`;

const warned = (policy: string) =>
  lintManifests([
    { path: 'a.yaml', content: `${deployment}---\n${policy}` },
  ]).findings.some(f => f.rule === 'pod-networkpolicy');

describe('pod-networkpolicy', () => {
  it('counts Cilium and Calico policies as the namespace’s network policy', () => {
    expect(
      warned(
        'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: c, namespace: media }\nspec: { endpointSelector: {}, ingress: [{}] }\n',
      ),
    ).toBe(false);
    expect(
      warned(
        'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: { name: c, namespace: media }\nspec: { selector: all() }\n',
      ),
    ).toBe(false);
  });

  it('counts a clusterwide policy for every namespace', () => {
    expect(
      warned(
        'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: { name: c }\nspec: { endpointSelector: {}, ingress: [{}] }\n',
      ),
    ).toBe(false);
  });

  it('still warns when the only policy is in another namespace', () => {
    expect(
      warned(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: other }\nspec: { podSelector: {} }\n',
      ),
    ).toBe(true);
  });
});
