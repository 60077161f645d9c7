import { z } from 'zod';
import { gatewaySchema } from './gateway';
import { checkPortalProbe, portalProbeSchema } from './portalProbe';
import {
  dnsLabelProblem,
  hostnameProblem,
  imageProblem,
  parseQuantity,
  portNameProblem,
  quantityProblem,
} from '../util/values';

function checked(check: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const problem = check(value);
    if (problem)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
}

const dnsLabel = checked(dnsLabelProblem);
const quantity = checked(quantityProblem);
const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'must be an environment variable name: letters, digits and "_", not starting with a digit',
  );

export const podSecurityLevels = [
  'privileged',
  'baseline',
  'restricted',
] as const;
export type PodSecurityLevel = (typeof podSecurityLevels)[number];

const portSchema = z
  .object({
    name: checked(portNameProblem).describe(
      'Port name, used by the Service and probes',
    ),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .describe('Container and Service port'),
    protocol: z.enum(['TCP', 'UDP']).default('TCP'),
  })
  .strict();

const storageSchema = z
  .object({
    name: dnsLabel.describe(
      'Volume name; the claim is called <service>-<name>',
    ),
    size: quantity.describe('Requested size, e.g. 10Gi'),
    storageClass: dnsLabel.optional(),
    accessMode: z
      .enum([
        'ReadWriteOnce',
        'ReadWriteOncePod',
        'ReadWriteMany',
        'ReadOnlyMany',
      ])
      .default('ReadWriteOnce'),
    mountPath: z
      .string()
      .regex(/^\/[^:]*$/, 'must be an absolute path such as /data')
      .refine(p => !p.split('/').includes('..'), 'must not contain ".."'),
  })
  .strict();

const resourceSet = (required: boolean) =>
  z
    .object({
      cpu: required ? quantity : quantity.optional(),
      memory: quantity,
    })
    .strict();

const probeSchema = z
  .object({
    type: z.enum(['http', 'tcp']),
    path: z
      .string()
      .regex(/^\//, 'must start with "/"')
      .optional()
      .describe('HTTP path; only for type http'),
    port: z
      .union([z.number().int().min(1).max(65535), z.string()])
      .optional()
      .describe('Port number or name from ports; defaults to the first port'),
  })
  .strict();

const egressSchema = z
  .object({
    namespace: dnsLabel,
    app: dnsLabel.describe('app.kubernetes.io/name of the target pods'),
    port: z.number().int().min(1).max(65535),
    protocol: z.enum(['TCP', 'UDP']).default('TCP'),
  })
  .strict();

/** The documented input of `renderManifests`; see the field descriptions. */
export const serviceSpecSchema = z
  .object({
    name: dnsLabel.describe(
      'Service name: Deployment, Service and catalog entity name',
    ),
    description: z.string().optional(),
    owner: z
      .string()
      .min(1)
      .describe('Catalog owner, e.g. group:default/homelab'),
    lifecycle: z.string().min(1).default('production'),
    namespace: z
      .object({
        name: dnsLabel,
        create: z
          .boolean()
          .default(false)
          .describe('Render a Namespace object'),
        podSecurity: z.enum(podSecurityLevels).default('restricted'),
      })
      .strict(),
    image: checked(imageProblem).describe(
      'repository:tag or repository@sha256:<digest>',
    ),
    replicas: z.number().int().min(0).max(50).default(1),
    ports: z
      .array(portSchema)
      .default([])
      .describe(
        'Container ports; none for a worker: no Service, no route, no ingress',
      ),
    hostnames: z.array(checked(hostnameProblem)).default([]),
    gateway: gatewaySchema.optional(),
    env: z.record(envName, z.string()).default({}),
    secretEnv: z
      .array(envName)
      .default([])
      .describe(
        'Names of secret environment variables; values never live in the spec',
      ),
    storage: z.array(storageSchema).default([]),
    resources: z
      .object({ requests: resourceSet(true), limits: resourceSet(false) })
      .strict(),
    probes: probeSchema.optional(),
    runAsUser: z.number().int().min(0).optional(),
    readOnlyRootFilesystem: z.boolean().default(true),
    egress: z.array(egressSchema).default([]),
    allowInternet: z.boolean().default(false),
    ingress: z
      .array(
        z.object({ namespace: dnsLabel, app: dnsLabel.optional() }).strict(),
      )
      .default([])
      .describe('Extra in-cluster clients allowed to reach the service ports'),
    ollama: z
      .object({
        baseUrl: z.string().url(),
        textModel: z.string().min(1).optional(),
        visionModel: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    portalProbe: portalProbeSchema
      .optional()
      .describe(
        "The portal's cutover check through the service proxy; renders the Role that allows it",
      ),
  })
  .strict()
  .superRefine(crossFieldChecks);

export type ServiceSpec = z.output<typeof serviceSpecSchema>;
export type ServiceSpecInput = z.input<typeof serviceSpecSchema>;

type Draft = z.output<z.ZodObject<any>> & Record<string, any>;

function crossFieldChecks(spec: Draft, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

  duplicates(spec.ports.map((p: any) => p.name)).forEach(i =>
    issue(
      ['ports', i, 'name'],
      'is used by another port; port names must be unique',
    ),
  );
  duplicates(spec.ports.map((p: any) => `${p.port}/${p.protocol}`)).forEach(i =>
    issue(
      ['ports', i, 'port'],
      'is used by another port with the same protocol',
    ),
  );
  duplicates(spec.storage.map((s: any) => s.name)).forEach(i =>
    issue(
      ['storage', i, 'name'],
      'is used by another volume; volume names must be unique',
    ),
  );
  duplicates(spec.storage.map((s: any) => s.mountPath)).forEach(i =>
    issue(['storage', i, 'mountPath'], 'is used by another volume'),
  );
  if (spec.readOnlyRootFilesystem) {
    spec.storage.forEach((s: any, i: number) => {
      if (s.mountPath === '/tmp') {
        issue(
          ['storage', i, 'mountPath'],
          '/tmp is already an emptyDir scratch volume; pick another path',
        );
      }
    });
  }
  duplicates(spec.hostnames).forEach(i =>
    issue(['hostnames', i], 'is listed twice'),
  );

  if (spec.hostnames.length > 0 && !spec.gateway) {
    issue(
      ['gateway'],
      'is required when hostnames are set: give the Gateway name and namespace',
    );
  }
  if (spec.ports.length === 0 && spec.hostnames.length > 0) {
    issue(
      ['hostnames'],
      'need a TCP port to route to; a workload without ports has no Service or route',
    );
  }
  if (spec.ports.length === 0 && spec.ingress.length > 0) {
    issue(
      ['ingress'],
      'needs a port to allow; a workload without ports accepts no connections',
    );
  }
  if (
    spec.ports.length > 0 &&
    !spec.ports.some((p: any) => p.protocol === 'TCP')
  ) {
    issue(
      ['ports'],
      'need at least one TCP port: health probes and HTTP routes use the first one',
    );
  }
  spec.storage.forEach((s: any, i: number) => {
    if (s.name === 'tmp')
      issue(
        ['storage', i, 'name'],
        '"tmp" is reserved for the /tmp scratch volume; pick another name',
      );
  });

  const rwo = spec.storage.some((s: any) =>
    s.accessMode.startsWith('ReadWriteOnce'),
  );
  if (rwo && spec.replicas > 1) {
    issue(
      ['replicas'],
      'must be 0 or 1 with ReadWriteOnce storage: the volume attaches to one node; use ReadWriteMany or one replica',
    );
  }

  Object.keys(spec.env).forEach(key => {
    if (spec.secretEnv.includes(key)) {
      issue(
        ['env', key],
        'is also listed in secretEnv; keep it in one of them',
      );
    }
  });
  duplicates(spec.secretEnv).forEach(i =>
    issue(['secretEnv', i], 'is listed twice'),
  );

  checkOllama(spec, issue);
  checkProbe(spec, issue);
  checkPortalProbe(spec as Parameters<typeof checkPortalProbe>[0], issue);
  checkResources(spec, issue);

  if (spec.namespace.podSecurity === 'restricted' && spec.runAsUser === 0) {
    issue(
      ['runAsUser'],
      'must not be 0 under the restricted Pod Security level; use a non-root uid or podSecurity baseline',
    );
  }
}

const OLLAMA_ENV = [
  'OLLAMA_BASE_URL',
  'INFERENCE_TEXT_MODEL',
  'INFERENCE_IMAGE_MODEL',
];

function checkOllama(
  spec: Draft,
  issue: (p: (string | number)[], m: string) => void,
) {
  const names = [...Object.keys(spec.env), ...spec.secretEnv];
  const ollamaUrl: string | undefined =
    spec.ollama?.baseUrl ?? spec.env.OLLAMA_BASE_URL;
  if (ollamaUrl !== undefined && names.includes('OPENAI_API_KEY')) {
    issue(
      spec.env.OPENAI_API_KEY !== undefined
        ? ['env', 'OPENAI_API_KEY']
        : ['secretEnv'],
      'OPENAI_API_KEY takes precedence over OLLAMA_BASE_URL, so Ollama would be ignored; remove OPENAI_API_KEY',
    );
  }
  if (ollamaUrl !== undefined && isLoopbackUrl(ollamaUrl)) {
    issue(
      spec.ollama ? ['ollama', 'baseUrl'] : ['env', 'OLLAMA_BASE_URL'],
      'points at the pod itself; use the cluster Service, e.g. http://ollama.ai.svc.cluster.local:11434',
    );
  }
  if (spec.ollama) {
    for (const key of OLLAMA_ENV) {
      if (names.includes(key)) {
        issue(
          ['env', key],
          'is set by the ollama block; remove it from env/secretEnv',
        );
      }
    }
  }
}

function checkProbe(
  spec: Draft,
  issue: (p: (string | number)[], m: string) => void,
) {
  const probe = spec.probes;
  if (!probe) return;
  if (!spec.ports.some((p: any) => p.protocol === 'TCP')) {
    issue(
      ['probes'],
      'need a TCP port to probe; remove probes from a workload without ports',
    );
    return;
  }
  if (probe.type === 'tcp' && probe.path !== undefined) {
    issue(
      ['probes', 'path'],
      'only applies to http probes; remove it or use type http',
    );
  }
  if (probe.port !== undefined) {
    const tcp = spec.ports.filter((p: any) => p.protocol === 'TCP');
    const found = tcp.some(
      (p: any) => p.port === probe.port || p.name === probe.port,
    );
    if (!found) {
      issue(
        ['probes', 'port'],
        `must be one of the declared TCP ports (${tcp
          .map((p: any) => p.name)
          .join(', ')})`,
      );
    }
  }
}

function checkResources(
  spec: Draft,
  issue: (p: (string | number)[], m: string) => void,
) {
  for (const key of ['cpu', 'memory'] as const) {
    const request = spec.resources.requests[key];
    const limit = spec.resources.limits[key];
    if (request && limit && parseQuantity(request) > parseQuantity(limit)) {
      issue(
        ['resources', 'requests', key],
        `(${request}) is larger than the limit (${limit}); lower the request or raise the limit`,
      );
    }
  }
}

export function isLoopbackUrl(url: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(
    url.trim(),
  );
  const host = (match ? match[1] : url).toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '0.0.0.0' ||
    host === '[::1]' ||
    host === '::1'
  );
}

function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  const result: number[] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) result.push(i);
    seen.add(v);
  });
  return result;
}
