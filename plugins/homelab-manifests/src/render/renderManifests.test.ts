import { parse, parseAllDocuments } from 'yaml';
import { assertServiceSpec } from '../spec/parseServiceSpec';
import { renderManifests } from './renderManifests';

const spec = assertServiceSpec({
  name: 'karakeep',
  owner: 'group:default/homelab',
  namespace: { name: 'karakeep', create: true },
  image: 'ghcr.io/karakeep-app/karakeep:0.24.1',
  ports: [{ name: 'http', port: 3000 }],
  hostnames: ['karakeep', 'bookmarks.example.org'],
  gateway: { name: 'homelab', namespace: 'gateway' },
  secretEnv: ['NEXTAUTH_SECRET'],
  storage: [{ name: 'data', size: '10Gi', mountPath: '/data' }],
  resources: {
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { memory: '1Gi' },
  },
  ollama: {
    baseUrl: 'http://ollama.ai.svc.cluster.local:11434',
    textModel: 'qwen3:1.7b',
    visionModel: 'moondream',
  },
});

const byPath = (files: ReturnType<typeof renderManifests>) =>
  Object.fromEntries(files.map(f => [f.path, f.content]));

describe('renderManifests', () => {
  it('lays files out under <namespace>/<name>/ with namespace.yaml one level up', () => {
    expect(renderManifests(spec).map(f => f.path)).toEqual([
      'karakeep/namespace.yaml',
      'karakeep/karakeep/deployment.yaml',
      'karakeep/karakeep/service.yaml',
      'karakeep/karakeep/httproute.yaml',
      'karakeep/karakeep/networkpolicy.yaml',
      'karakeep/karakeep/pvc.yaml',
      'karakeep/karakeep/secret.yaml',
      'karakeep/karakeep/catalog-info.yaml',
      'karakeep/kustomization.yaml',
      'karakeep/karakeep/kustomization.yaml',
    ]);
  });

  it('writes kustomization files that leave out the empty Secret and the catalog file', () => {
    const files = byPath(renderManifests(spec));
    expect(parse(files['karakeep/karakeep/kustomization.yaml'])).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [
        'deployment.yaml',
        'service.yaml',
        'httproute.yaml',
        'networkpolicy.yaml',
        'pvc.yaml',
      ],
    });
    expect(parse(files['karakeep/kustomization.yaml']).resources).toEqual([
      'namespace.yaml',
      'karakeep/',
    ]);

    const existing = renderManifests({
      ...spec,
      namespace: { ...spec.namespace, create: false },
    }).map(f => f.path);
    expect(existing).not.toContain('karakeep/kustomization.yaml');
    expect(existing).toContain('karakeep/karakeep/kustomization.yaml');
  });

  it('is deterministic', () => {
    expect(renderManifests(spec)).toEqual(
      renderManifests(structuredClone(spec)),
    );
  });

  it('explains the Recreate strategy and uses the Karakeep Ollama variables', () => {
    const deployment = byPath(renderManifests(spec))[
      'karakeep/karakeep/deployment.yaml'
    ];
    expect(deployment).toMatch(
      /# Recreate: a ReadWriteOnce volume[^\n]*\n[^\n]*\n\s+strategy:\n\s+type: Recreate/,
    );
    const env = parse(deployment).spec.template.spec.containers[0].env;
    expect(env.map((e: any) => e.name)).toEqual([
      'OLLAMA_BASE_URL',
      'INFERENCE_TEXT_MODEL',
      'INFERENCE_IMAGE_MODEL',
      'NEXTAUTH_SECRET',
    ]);
  });

  it('appends the base domain only to bare hostnames', () => {
    const route = parse(
      byPath(renderManifests(spec, { baseDomain: 'lab.internal' }))[
        'karakeep/karakeep/httproute.yaml'
      ],
    );
    expect(route.spec.hostnames).toEqual([
      'karakeep.lab.internal',
      'bookmarks.example.org',
    ]);
    expect(() => renderManifests(spec, { baseDomain: 'bad_domain' })).toThrow(
      /^baseDomain: /,
    );
  });

  it('renders secret keys with empty values only', () => {
    const secret = byPath(renderManifests(spec))[
      'karakeep/karakeep/secret.yaml'
    ];
    expect(secret).toMatch(/SOPS/);
    expect(parse(secret).stringData).toEqual({ NEXTAUTH_SECRET: '' });
  });

  it('allows DNS and the in-cluster Ollama Service in the egress policy', () => {
    const [policy] = parseAllDocuments(
      byPath(renderManifests(spec))['karakeep/karakeep/networkpolicy.yaml'],
    ).map(d => d.toJS());
    const targets = policy.spec.egress.map((rule: any) =>
      rule.ports?.map((p: any) => `${p.port}/${p.protocol}`).join(','),
    );
    expect(targets).toEqual(['53/UDP,53/TCP', '11434/TCP']);
  });

  it('links the catalog entity to its pods and namespace', () => {
    const entity = parse(
      byPath(renderManifests(spec))['karakeep/karakeep/catalog-info.yaml'],
    );
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=karakeep',
      'backstage.io/kubernetes-namespace': 'karakeep',
    });
    expect(entity.spec).toMatchObject({
      type: 'service',
      system: 'homelab',
      dependsOn: ['resource:karakeep'],
    });
  });
});
