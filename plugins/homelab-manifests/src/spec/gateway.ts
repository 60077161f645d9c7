import { z } from 'zod';
import { dnsLabelProblem } from '../util/values';

/** Gateway implementations whose data plane the renderer knows. */
export const GATEWAY_DATA_PLANES = [
  'envoy-gateway',
  'cilium',
  'traefik',
] as const;
export type GatewayDataPlanePreset = (typeof GATEWAY_DATA_PLANES)[number];

/** Where the pods that forward the Gateway's traffic run, and their labels. */
export interface GatewayProxyPods {
  namespace: string;
  podLabels: Record<string, string>;
}

export type GatewayDataPlane = GatewayDataPlanePreset | GatewayProxyPods;

const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const LABEL_PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !LABEL_PREFIX.test(prefix))
  )
    return `label key "${key}" has an invalid prefix; use a DNS subdomain such as app.kubernetes.io`;
  if (name === '' || !LABEL_NAME.test(name))
    return `label key "${key}" is invalid; use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  return undefined;
}

const dnsLabel = () =>
  z.string().superRefine((value, ctx) => {
    const problem = dnsLabelProblem(value);
    if (problem)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const proxyPodsSchema = z
  .object({
    namespace: dnsLabel(),
    podLabels: z
      .record(
        z.string().superRefine((key, ctx) => {
          const problem = labelKeyProblem(key);
          if (problem)
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
        }),
        z
          .string()
          .regex(
            LABEL_NAME,
            'must be a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
          ),
      )
      .default({}),
  })
  .strict();

/**
 * A preset name or the proxy pods' namespace and labels. Parsed by the value's shape so
 * a mistake gets the message of the form that was meant, not "invalid input".
 */
export const gatewayDataPlaneSchema = z
  .unknown()
  .transform((value, ctx): GatewayDataPlane => {
    const schema =
      typeof value === 'string' ? z.enum(GATEWAY_DATA_PLANES) : proxyPodsSchema;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue as any);
    return z.NEVER;
  })
  .describe(
    "Where the Gateway's proxy pods run: envoy-gateway, cilium, traefik, or { namespace, podLabels }",
  );

/** The HTTPRoute's parent Gateway and the data plane that forwards its traffic. */
export const gatewaySchema = z
  .object({
    name: dnsLabel(),
    namespace: dnsLabel(),
    sectionName: dnsLabel().optional(),
    dataPlane: gatewayDataPlaneSchema.optional(),
  })
  .strict();

/**
 * Sets gateway.dataPlane of a spec (raw or parsed) that has a gateway without one: how
 * the scaffolder applies app-config `homelab.gateway.dataPlane` and the CLI its flags.
 */
export function withGatewayDataPlane<T>(spec: T, dataPlane: unknown): T {
  const gateway = (spec as any)?.gateway;
  if (
    dataPlane === undefined ||
    typeof gateway !== 'object' ||
    gateway === null ||
    gateway.dataPlane !== undefined
  )
    return spec;
  return { ...spec, gateway: { ...gateway, dataPlane } };
}
