import { z } from 'zod';
import {
  DeclarationError,
  parseDeclaration,
} from '@internal/plugin-homelab-common';

/**
 * `portalProbe`: the portal's cutover check GETs `path` on this Service port through
 * the API server's service proxy, and the render grants the portal exactly that.
 */
export const portalProbeSchema = z
  .object({
    port: z
      .string()
      .describe(
        'Name of a TCP port from ports (a name, so the Role and the check name the same proxy resource)',
      ),
    path: z
      .string()
      .default('/')
      .describe('Path (and query) the check GETs, e.g. /healthz'),
    status: z
      .string()
      .default('2xx')
      .describe('Expected status codes or classes, e.g. 200 or 2xx,301'),
  })
  .strict();

export type PortalProbe = z.output<typeof portalProbeSchema>;

/** The declaration of the plan's http check for a probe (without `<!-- -->`). */
export function portalProbeDeclaration(
  namespace: string,
  service: string,
  probe: z.input<typeof portalProbeSchema>,
): string {
  return `check: http namespace=${namespace} service=${service} port=${
    probe.port
  } path=${probe.path ?? '/'} status=${probe.status ?? '2xx'}`;
}

type Issue = (path: (string | number)[], message: string) => void;

/** Cross-field checks of portalProbe: a declared TCP port, and a check the plan parser takes. */
export function checkPortalProbe(
  spec: {
    name: string;
    namespace: { name: string };
    ports: Array<{ name: string; protocol: string }>;
    portalProbe?: PortalProbe;
  },
  issue: Issue,
) {
  const probe = spec.portalProbe;
  if (!probe) return;
  const tcp = spec.ports.filter(p => p.protocol === 'TCP').map(p => p.name);
  if (!tcp.includes(probe.port)) {
    issue(
      ['portalProbe', 'port'],
      tcp.length
        ? `must be the name of one of the declared TCP ports (${tcp.join(
            ', ',
          )})`
        : 'needs a TCP port to check; remove portalProbe from a workload without ports',
    );
    return;
  }
  for (const field of ['path', 'status'] as const) {
    if (probe[field].includes('--') || /[<>\s]/.test(probe[field])) {
      issue(
        ['portalProbe', field],
        'must not contain spaces, "--", "<" or ">": the check is an HTML comment in the plan',
      );
      return;
    }
  }
  try {
    parseDeclaration(
      portalProbeDeclaration(spec.namespace.name, spec.name, probe).slice(
        'check:'.length,
      ),
      1,
    );
  } catch (error) {
    if (!(error instanceof DeclarationError)) throw error;
    const field = error.message.startsWith('status=') ? 'status' : 'path';
    issue(['portalProbe', field], error.message);
  }
}
