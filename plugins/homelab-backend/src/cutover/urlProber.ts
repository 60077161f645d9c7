import { NotAllowedError } from '@backstage/errors';
import {
  DEFAULT_OUTBOUND_LIMITS,
  FetchLike,
  limitFetch,
  OutboundLimits,
} from '@internal/plugin-homelab-node';
import type { UrlProber } from './types';

export interface UrlProberOptions {
  /** Host names (or host:port) a check may call directly; anything else is refused. */
  allowedHosts: string[];
  limits?: OutboundLimits;
  /** Default: Node's fetch. */
  fetch?: FetchLike;
}

function describe(error: unknown): string {
  let current: any = error;
  while (current?.cause) current = current.cause;
  return String(current?.code ?? current?.message ?? current);
}

/**
 * GETs a URL whose host is allowed and keeps only the status: the body is
 * cancelled unread, redirects are not followed (they could lead to a host
 * not on the list), and the outbound timeout and byte cap apply.
 */
export function createUrlProber(options: UrlProberOptions): UrlProber {
  const allowed = new Set(options.allowedHosts.map(h => h.toLowerCase()));
  const fetch = limitFetch(
    options.fetch ?? globalThis.fetch,
    options.limits ?? DEFAULT_OUTBOUND_LIMITS,
    'Cutover check',
    'homelab.cutover',
  );
  return async (url: string) => {
    const parsed = new URL(url);
    if (
      !allowed.has(parsed.hostname.toLowerCase()) &&
      !allowed.has(parsed.host.toLowerCase())
    )
      throw new NotAllowedError(
        `${parsed.host} is not in homelab.cutover.allowedHosts; add it there or check through the service proxy`,
      );
    let res: Response;
    try {
      res = await fetch(url, {
        redirect: 'manual',
        headers: { Accept: '*/*' },
      });
    } catch (error) {
      throw new Error(`no answer (${describe(error)})`);
    }
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status };
  };
}
