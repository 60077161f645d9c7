import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { assertServiceSpec } from '../spec/parseServiceSpec';
import { knownServicesFrom, readKnownServices } from './knownServices';
import { renderManifests, renderManifestSet } from './renderManifests';

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
  it('lays files out under <namespace>/<name>/ with the namespace files one level up', () => {
    expect(renderManifests(spec).map(f => f.path)).toEqual([
      'karakeep/namespace.yaml',
      'karakeep/karakeep/deployment.yaml',
      'karakeep/karakeep/service.yaml',
      'karakeep/karakeep/httproute.yaml',
      'karakeep/karakeep/networkpolicy.yaml',
      'karakeep/karakeep/pvc.yaml',
      'karakeep/karakeep/secret.yaml',
      'karakeep/karakeep/catalog-info.yaml',
      'karakeep/catalog-info.yaml',
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
    expect(existing).not.toContain('karakeep/namespace.yaml');
    expect(existing).not.toContain('karakeep/catalog-info.yaml');
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

  it('declares the new namespace as the Resource the component depends on', () => {
    const files = byPath(
      renderManifests({
        ...spec,
        namespace: { ...spec.namespace, podSecurity: 'baseline' },
      }),
    );
    const [resource, ...others] = parseAllDocuments(
      files['karakeep/catalog-info.yaml'],
    ).map(d => d.toJS());
    expect(others).toEqual([]);
    // The shape manifests/karakeep/catalog-info.yaml declares and the catalog validates.
    expect(resource).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'karakeep', tags: ['kubernetes-namespace'] },
      spec: {
        type: 'kubernetes-namespace',
        owner: 'group:default/homelab',
        system: 'homelab',
        cluster: 'homelab',
        podSecurity: {
          enforce: 'baseline',
          audit: 'baseline',
          warn: 'baseline',
        },
      },
    });
    const component = parse(files['karakeep/karakeep/catalog-info.yaml']);
    expect(component.spec.dependsOn).toEqual([
      `resource:${resource.metadata.name}`,
    ]);
    expect(
      parse(files['karakeep/namespace.yaml']).metadata.labels[
        'pod-security.kubernetes.io/enforce'
      ],
    ).toBe(resource.spec.podSecurity.enforce);
  });

  it('names the configured cluster and refuses one that is no entity ref', () => {
    const files = byPath(
      renderManifests(spec, { cluster: 'resource:default/lab' }),
    );
    expect(parse(files['karakeep/catalog-info.yaml']).spec.cluster).toBe(
      'resource:default/lab',
    );
    expect(() => renderManifests(spec, { cluster: 'a b' })).toThrow(
      /^cluster: "a b" is not the name or ref of a kubernetes-cluster Resource/,
    );
  });
});

describe('rendered NetworkPolicy ports', () => {
  const base = {
    ...spec,
    gateway: { ...spec.gateway!, dataPlane: 'envoy-gateway' as const },
  };
  const policyOf = (files: ReturnType<typeof renderManifests>) =>
    parse(
      files.find(f => f.path.endsWith('/networkpolicy.yaml'))!.content,
    ) as any;
  const egressPorts = (files: ReturnType<typeof renderManifests>) =>
    policyOf(files)
      .spec.egress.slice(1)
      .map((rule: any) => rule.ports.map((p: any) => p.port).join(','));

  const manifests = knownServicesFrom([
    {
      path: 'karakeep/services.yaml',
      content: `apiVersion: v1
kind: Service
metadata: { name: meilisearch, namespace: karakeep }
spec:
  selector: { app.kubernetes.io/name: meilisearch }
  ports:
    - { name: http, port: 80, targetPort: http }
---
apiVersion: v1
kind: Service
metadata: { name: chrome, namespace: karakeep }
spec:
  selector: { app.kubernetes.io/name: chrome }
  ports: [{ port: 9222, targetPort: 19222 }]
`,
    },
    {
      path: 'karakeep/meilisearch.yaml',
      content: `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: meilisearch, namespace: karakeep }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: meilisearch } }
  template:
    metadata: { labels: { app.kubernetes.io/name: meilisearch } }
    spec:
      containers:
        - name: meilisearch
          image: getmeili/meilisearch:v1.11.3
          ports: [{ name: http, containerPort: 7700 }]
`,
    },
  ]);

  const withEgress = (
    egress: Array<{ namespace: string; app: string; port: number }>,
  ) => ({
    ...base,
    ollama: undefined,
    egress: egress.map(e => ({ ...e, protocol: 'TCP' as const })),
  });

  it('uses the target Service’s targetPort, a named one resolved against its pods', () => {
    const result = renderManifestSet(
      withEgress([
        { namespace: 'karakeep', app: 'meilisearch', port: 80 },
        { namespace: 'karakeep', app: 'chrome', port: 9222 },
      ]),
      { knownServices: manifests },
    );
    expect(egressPorts(result.files)).toEqual(['7700', '19222']);
    expect(result.warnings).toEqual([]);
  });

  it('falls back to the Service port with a warning in the output when the target is unknown', () => {
    const result = renderManifestSet(
      withEgress([{ namespace: 'media', app: 'jellyfin', port: 8096 }]),
      { knownServices: manifests },
    );
    expect(egressPorts(result.files)).toEqual(['8096']);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^networkpolicy\.yaml: no Service jellyfin\.media in the manifests given; the policy allows port 8096 \(the Service port of the spec\)/,
      ),
    ]);
    const file = result.files.find(f =>
      f.path.endsWith('/networkpolicy.yaml'),
    )!.content;
    expect(file).toMatch(/# Unchecked: no Service jellyfin\.media/);
  });

  it('allows Ollama on 11434, not the port of its URL', () => {
    const result = renderManifestSet({
      ...base,
      ollama: {
        ...spec.ollama!,
        baseUrl: 'http://ollama.ai.svc.cluster.local',
      },
    });
    expect(egressPorts(result.files)).toEqual(['11434']);
    expect(result.warnings[0]).toMatch(
      /no manifests were given to look up the Service ollama\.ai; the policy allows port 11434 \(Ollama's own port\)/,
    );
  });

  it('reads the Ollama pod port from the repository’s manifests/', () => {
    const { known, problems } = readKnownServices(
      path.resolve(__dirname, '../../../../manifests'),
    );
    expect(problems).toEqual([]);
    const result = renderManifestSet(base, { knownServices: known });
    expect(egressPorts(result.files)).toEqual(['11434']);
    expect(result.warnings).toEqual([]);
  });
});
