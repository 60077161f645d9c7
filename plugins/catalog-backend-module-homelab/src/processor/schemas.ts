import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/*
 * The spec of each homelab Resource type. Every message is the expected form
 * of the field; the processor prefixes it with the entity and the field path.
 * Fields the catalog's built-in processor handles (owner, system, dependsOn)
 * are left to it, so unknown keys pass through.
 */

function text(expected: string, pattern?: RegExp) {
  const base = z.string({
    required_error: expected,
    invalid_type_error: expected,
  });
  return pattern ? base.regex(pattern, expected) : base.min(1, expected);
}

function count(expected: string) {
  return z
    .number({ required_error: expected, invalid_type_error: expected })
    .int(expected)
    .positive(expected);
}

function entityRef(kind: 'resource' | 'component', expected: string) {
  return text(expected).refine(value => {
    try {
      return (
        parseEntityRef(value, { defaultKind: kind }).kind.toLowerCase() === kind
      );
    } catch {
      return false;
    }
  }, expected);
}

const CLUSTER = entityRef(
  'resource',
  'the name or ref of the kubernetes-cluster Resource, e.g. homelab or resource:default/homelab',
);

const POD_SECURITY_LEVEL = z.enum(['privileged', 'baseline', 'restricted'], {
  errorMap: () => ({ message: 'one of privileged, baseline, restricted' }),
});

const nodeSpec = z
  .object({
    cluster: CLUSTER,
    // Kubernetes reports neither the CPU model nor physical cores, so
    // discovered nodes may lack them; declared ones should carry them.
    cpuModel: text('the CPU model, e.g. Intel Core i5-10400T').optional(),
    cores: count(
      'the number of physical cores as a whole number, e.g. 6',
    ).optional(),
    threads: count('the number of hardware threads as a whole number, e.g. 12'),
    memory: text(
      'a Kubernetes memory quantity, e.g. 16Gi',
      /^\d+(\.\d+)?(Ki|Mi|Gi|Ti)$/,
    ),
    arch: text(
      'a Kubernetes architecture such as amd64 or arm64',
      /^[a-z0-9_]+$/,
    ),
    roles: z
      .array(
        text(
          'a node role, e.g. control-plane or worker',
          /^[a-z0-9][a-z0-9.-]*$/,
        ),
        {
          required_error: 'a list of node roles, e.g. [worker]',
          invalid_type_error: 'a list of node roles, e.g. [worker]',
        },
      )
      .nonempty('a list of at least one node role, e.g. [worker]'),
  })
  .superRefine((spec, ctx) => {
    if (spec.cores !== undefined && spec.cores > spec.threads) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['cores'],
        message: `at most spec.threads (${spec.threads})`,
      });
    }
  });

const namespaceSpec = z.object({
  cluster: CLUSTER,
  podSecurity: z.object(
    {
      enforce: POD_SECURITY_LEVEL,
      audit: POD_SECURITY_LEVEL,
      warn: POD_SECURITY_LEVEL,
    },
    {
      required_error:
        'the Pod Security levels, e.g. { enforce: baseline, audit: restricted, warn: restricted }',
      invalid_type_error:
        'the Pod Security levels, e.g. { enforce: baseline, audit: restricted, warn: restricted }',
    },
  ),
});

const SIZE = /^\d+(\.\d+)?(MB|GB|TB)$/;

const modelSpec = z.object({
  family: text('the model family as Ollama reports it, e.g. qwen3'),
  parameterSize: text(
    'a parameter count such as 1.7B or 999M',
    /^\d+(\.\d+)?[KMBT]$/,
  ),
  quantization: text('a quantization level such as Q4_K_M', /^[A-Za-z0-9_]+$/),
  diskSize: text('a size on disk such as 1.4GB', SIZE),
  // /api/tags does not report memory use, so discovered models leave it out.
  ramEstimate: text('an estimated memory use such as 2.2GB', SIZE).optional(),
  capabilities: z
    .array(
      z.enum(['text', 'vision'], {
        errorMap: () => ({ message: 'one of text, vision' }),
      }),
      {
        required_error: 'a list of capabilities, e.g. [text] or [vision]',
        invalid_type_error: 'a list of capabilities, e.g. [text] or [vision]',
      },
    )
    .nonempty('a list of at least one capability, e.g. [text]'),
  servedBy: entityRef(
    'component',
    'the ref of the Component serving the model, e.g. component:default/ollama',
  ),
});

/** The homelab Resource types and the schema of their spec. */
export const SPEC_SCHEMAS = {
  'kubernetes-cluster': z.object({}),
  'kubernetes-node': nodeSpec,
  'kubernetes-namespace': namespaceSpec,
  'ai-model': modelSpec,
};

export type HomelabResourceType = keyof typeof SPEC_SCHEMAS;
export type NodeSpec = z.infer<typeof nodeSpec>;
export type NamespaceSpec = z.infer<typeof namespaceSpec>;
export type ModelSpec = z.infer<typeof modelSpec>;

export function isHomelabResourceType(
  type: unknown,
): type is HomelabResourceType {
  return typeof type === 'string' && Object.hasOwn(SPEC_SCHEMAS, type);
}
