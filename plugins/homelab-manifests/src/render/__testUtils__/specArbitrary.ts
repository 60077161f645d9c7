import fc from 'fast-check';
import type { ServiceSpecInput } from '../../spec/serviceSpec';

// Test helper: generates valid service specs for property-based tests.

const label = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/)
  .filter(s => !s.includes('--'));
const envName = fc
  .stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/)
  .filter(
    n =>
      ![
        'OLLAMA_BASE_URL',
        'OPENAI_API_KEY',
        'INFERENCE_TEXT_MODEL',
        'INFERENCE_IMAGE_MODEL',
      ].includes(n),
  );
const quantityMi = (min: number, max: number) => fc.integer({ min, max });

const ports = fc
  .uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9]{0,13}$/),
      port: fc.integer({ min: 1, max: 65535 }),
      protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
    }),
    { minLength: 1, maxLength: 4, selector: p => p.name },
  )
  .map(list => {
    const seen = new Set<string>();
    return list
      .map((p, i) => (i === 0 ? { ...p, protocol: 'TCP' as const } : p))
      .filter(
        p =>
          !seen.has(`${p.port}/${p.protocol}`) &&
          seen.add(`${p.port}/${p.protocol}`),
      );
  });

export const serviceSpecArbitrary: fc.Arbitrary<ServiceSpecInput> = fc
  .record({
    name: label,
    namespace: fc.record({
      name: label,
      create: fc.boolean(),
      podSecurity: fc.constantFrom(
        'privileged' as const,
        'baseline' as const,
        'restricted' as const,
      ),
    }),
    image: fc.oneof(
      fc
        .tuple(
          label,
          label,
          fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}(\.[0-9])?$/),
        )
        .map(([org, repo, tag]) => `ghcr.io/${org}/${repo}:${tag}`),
      fc
        .tuple(label, fc.stringMatching(/^[a-f0-9]{64}$/))
        .map(([repo, digest]) => `${repo}@sha256:${digest}`),
    ),
    ports,
    hostnames: fc.uniqueArray(
      fc.oneof(
        label,
        fc.tuple(label, label).map(([a, b]) => `${a}.${b}.home.arpa`),
      ),
      { maxLength: 3 },
    ),
    gateway: fc.record({
      name: label,
      namespace: label,
      sectionName: fc.option(label, { nil: undefined }),
      dataPlane: fc.option(
        fc.oneof(
          fc.constantFrom('envoy-gateway', 'cilium', 'traefik'),
          fc.record({
            namespace: label,
            podLabels: fc.dictionary(label, label, { maxKeys: 2 }),
          }),
        ),
        { nil: undefined },
      ),
    }),
    env: fc.dictionary(envName, fc.string({ maxLength: 30 }), { maxKeys: 4 }),
    secretEnv: fc.uniqueArray(
      envName.map(n => `S_${n}`),
      { maxLength: 3 },
    ),
    storage: fc.uniqueArray(
      fc.record({
        name: label.filter(n => n !== 'tmp'),
        size: fc.integer({ min: 1, max: 500 }).map(n => `${n}Gi`),
        storageClass: fc.option(label, { nil: undefined }),
        accessMode: fc.constantFrom(
          'ReadWriteOnce' as const,
          'ReadWriteMany' as const,
        ),
        mountPath: label.map(l => `/srv/${l}`),
      }),
      { maxLength: 3, selector: s => s.name },
    ),
    requests: fc.record({
      cpu: fc.integer({ min: 1, max: 4000 }),
      memory: quantityMi(16, 4096),
    }),
    extraMemory: quantityMi(0, 4096),
    probeKind: fc.constantFrom('default', 'http', 'tcp'),
    runAsUser: fc.option(fc.integer({ min: 1, max: 65535 }), {
      nil: undefined,
    }),
    readOnlyRootFilesystem: fc.boolean(),
    replicas: fc.integer({ min: 0, max: 3 }),
    egress: fc.array(
      fc.record({
        namespace: label,
        app: label,
        port: fc.integer({ min: 1, max: 65535 }),
      }),
      { maxLength: 3 },
    ),
    allowInternet: fc.boolean(),
    ingress: fc.array(
      fc.record({
        namespace: label,
        app: fc.option(label, { nil: undefined }),
      }),
      { maxLength: 2 },
    ),
    ollama: fc.option(
      fc.record({
        baseUrl: fc.constant('http://ollama.ai.svc.cluster.local:11434'),
        textModel: fc.option(fc.constantFrom('qwen3:1.7b', 'gemma3:1b'), {
          nil: undefined,
        }),
        visionModel: fc.option(fc.constant('moondream'), { nil: undefined }),
      }),
      { nil: undefined },
    ),
  })
  .map(g => {
    const mountPaths = new Set<string>();
    const storage = g.storage.filter(
      s => !mountPaths.has(s.mountPath) && mountPaths.add(s.mountPath),
    );
    const rwo = storage.some(s => s.accessMode === 'ReadWriteOnce');
    const tcp = g.ports.filter(p => p.protocol === 'TCP');
    const spec: ServiceSpecInput = {
      name: g.name,
      owner: 'group:default/homelab',
      namespace: g.namespace,
      image: g.image,
      replicas: rwo ? Math.min(g.replicas, 1) : g.replicas,
      ports: g.ports,
      hostnames: g.hostnames,
      env: g.env,
      secretEnv: g.secretEnv,
      storage,
      resources: {
        requests: {
          cpu: `${g.requests.cpu}m`,
          memory: `${g.requests.memory}Mi`,
        },
        limits: { memory: `${g.requests.memory + g.extraMemory}Mi` },
      },
      runAsUser: g.runAsUser,
      readOnlyRootFilesystem: g.readOnlyRootFilesystem,
      egress: g.egress,
      allowInternet: g.allowInternet,
      ingress: g.ingress,
      ollama: g.ollama,
    };
    if (g.hostnames.length > 0) spec.gateway = g.gateway;
    if (g.probeKind === 'http') {
      spec.probes = {
        type: 'http',
        path: '/healthz',
        port: tcp[tcp.length - 1].name,
      };
      spec.portalProbe = { port: tcp[tcp.length - 1].name, path: '/healthz' };
    }
    if (g.probeKind === 'tcp') spec.probes = { type: 'tcp', port: tcp[0].port };
    return spec;
  });
