import { lintManifests } from '../index';

function lint(content: string) {
  return lintManifests([{ path: 'test.yaml', content }]).findings.filter(f =>
    f.rule.startsWith('schema'),
  );
}

describe('schema validation', () => {
  it('names an unknown field and suggests the right spelling', () => {
    const findings = lint(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  contianers: []
  containers:
    - name: a
      image: busybox:1.36
`);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        severity: 'error',
        line: 6,
        message: 'unknown field "contianers" in spec',
        fix: 'Rename it to "containers".',
      }),
    ]);
  });

  it('validates Gateway API kinds', () => {
    const findings = lint(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  hostnames: [a.example]
  rules:
    - backendRefs:
        - name: web
          prot: 80
`);
    expect(findings.map(f => [f.line, f.message])).toEqual([
      [10, 'unknown field "prot" in spec.rules[0].backendRefs[0]'],
    ]);
  });

  it('tolerates ${VAR} substitutions in any scalar', () => {
    expect(
      lint(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: \${REPLICAS}
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
        - name: d
          image: \${IMAGE}
          ports: [{containerPort: \${PORT}}]
`),
    ).toEqual([]);
  });

  it('gives custom resources one info finding', () => {
    expect(
      lint(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: x}
spec: {anything: goes}
`).map(f => [f.rule, f.severity]),
    ).toEqual([['schema-skipped', 'info']]);
  });

  it('keeps a "__proto__" key as data instead of a prototype', () => {
    expect(
      lint(`apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  __proto__: value
`),
    ).toEqual([]);
  });
});
