import { Agent, fetch as undiciFetch } from 'undici';

/**
 * The fetch the clients use. undici's own fetch (the implementation behind
 * Node's global fetch) takes a dispatcher, which carries the cluster CA; it
 * also works under Backstage's jest setup, which blocks the global fetch.
 */
export type FetchLike = typeof fetch;

export function createFetch(tls: {
  caPem?: string;
  skipTLSVerify?: boolean;
}): FetchLike {
  const dispatcher = new Agent({
    connect: {
      ...(tls.caPem ? { ca: tls.caPem } : {}),
      rejectUnauthorized: !tls.skipTLSVerify,
    },
  });
  return ((input: any, init?: any) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as FetchLike;
}

/** The most specific cause of a failed fetch ("fetch failed" wraps the socket error). */
export function networkCause(error: unknown): { code?: string; message: string } {
  let current: any = error;
  while (current?.cause) current = current.cause;
  return {
    code: typeof current?.code === 'string' ? current.code : undefined,
    message: String(current?.message ?? current),
  };
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A sentence describing why `what` at `url` could not be reached. */
export function describeNetworkFailure(
  what: string,
  url: string,
  error: unknown,
): string {
  const { code, message } = networkCause(error);
  if (code === 'ECONNREFUSED')
    return `${what} is unreachable at ${url} (connection refused)`;
  if (code && TLS_CODES.has(code))
    return `${what} at ${url} presented a certificate that could not be verified (${code}); set caData to the base64 PEM of the cluster CA, or skipTLSVerify: true for a development cluster`;
  return `${what} is unreachable at ${url} (${code ?? message})`;
}
