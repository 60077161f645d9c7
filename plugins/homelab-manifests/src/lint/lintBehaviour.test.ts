import { lintManifests } from './lintManifests';
import { formatLintText, lintResultToJson } from './formatFindings';

const deployment = (annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: media
${annotations}spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const rules = (
  files: Array<[string, string]>,
  pssLevel?: 'baseline' | 'restricted' | 'privileged',
) =>
  lintManifests(
    files.map(([path, content]) => ({ path, content })),
    { pssLevel },
  ).findings.map(f => f.rule);

describe('lintManifests', () => {
  it('uses --pss-level for namespaces that are not in the input', () => {
    expect(rules([['d.yaml', deployment()]], 'restricted')).toContain(
      'pss/runAsNonRoot',
    );
    expect(
      rules([['d.yaml', deployment()]], 'baseline').filter(r =>
        r.startsWith('pss/'),
      ),
    ).toEqual([]);
  });

  it('suppresses the listed rules when a reason is given', () => {
    const annotated = deployment(`  annotations:
    homelab.dev/lint-ignore: "pod-probes,container-resources: batch-style tool, sized by the node"
`);
    const found = rules([['d.yaml', annotated]]);
    expect(found).not.toContain('pod-probes');
    expect(found).not.toContain('container-resources');
    expect(found).not.toContain('lint-ignore-reason');
    expect(found).toContain('pod-networkpolicy');
  });

  it('treats files listed as kustomize patches as fragments', () => {
    const result = lintManifests([
      {
        path: 'app/kustomization.yaml',
        content:
          'namespace: media\nresources: [deployment.yaml]\npatches:\n  - path: replicas.yaml\n',
      },
      {
        path: 'app/replicas.yaml',
        content:
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
      },
    ]);
    expect(result.findings.map(f => [f.rule, f.severity])).toEqual([
      ['schema-skipped', 'info'],
    ]);
  });

  it('treats a spec-bearing kind without spec as a patch', () => {
    const result = lintManifests([
      {
        path: 'p.yaml',
        content:
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations: {a: b}\n',
      },
    ]);
    expect(result.findings.map(f => f.rule)).toEqual(['schema-skipped']);
  });

  it('takes the namespace of objects from their kustomization', () => {
    const result = lintManifests([
      { path: 'app/kustomization.yaml', content: 'namespace: media\n' },
      {
        path: 'app/deployment.yaml',
        content: deployment().replace('  namespace: media\n', ''),
      },
    ]);
    expect(
      result.findings.find(f => f.rule === 'pod-networkpolicy')?.namespace,
    ).toBe('media');
  });

  it('prints text with a fix line and a summary, and JSON with the fixed shape', () => {
    const result = lintManifests([{ path: 'd.yaml', content: deployment() }]);
    const text = formatLintText(result);
    expect(text).toMatch(
      /^d\.yaml:\d+ {2}(error|warning) {2}\S+ {2}.+\n {2}fix: /,
    );
    expect(text.trimEnd().split('\n').pop()).toMatch(
      /1 file\(s\), 1 object\(s\): \d+ error/,
    );
    const json = JSON.parse(lintResultToJson(result));
    expect(Object.keys(json)).toEqual([
      'files',
      'objects',
      'findings',
      'summary',
    ]);
    expect(Object.keys(json.findings[0])).toEqual([
      'rule',
      'severity',
      'file',
      'line',
      'kind',
      'name',
      'namespace',
      'message',
      'fix',
    ]);
  });
});
