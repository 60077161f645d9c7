import { Response as UndiciResponse } from 'undici';
import type { FetchLike } from './transport';

/** How long one outbound call may take and how much of its answer is read. */
export interface OutboundLimits {
  /** Whole call, headers and body: the call is aborted after this many milliseconds. */
  timeoutMs: number;
  /** Bytes of the (decoded) response body read before the call fails. */
  maxBytes: number;
}

export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  timeoutMs: 10_000,
  maxBytes: 8 * 1024 * 1024,
};

/** A call that went over one of its limits; the message names the host and the limit. */
export class OutboundLimitError extends Error {
  readonly name = 'OutboundLimitError';
}

/** "1 MiB", "8 MiB", "512 KiB", "100 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0)
    return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Reads an async iterable of chunks (a web ReadableStream or a Node Readable)
 * into one buffer, failing with `tooLarge()` as soon as more than `maxBytes`
 * arrive; the rest is never read.
 */
export async function readAtMost(
  chunks: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) break;
      const chunk = typeof value === 'string' ? Buffer.from(value) : value;
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge();
      parts.push(Buffer.from(chunk));
    }
  } catch (error) {
    await iterator.return?.().catch(() => undefined);
    throw error;
  }
  return Buffer.concat(parts);
}

/**
 * Wraps a fetch so that every call aborts after `limits.timeoutMs` (connect,
 * headers and body alike) and its body fails once it passes `limits.maxBytes`.
 * `what` names the peer in errors ("Ollama", "Kubernetes cluster homelab");
 * `configKey` is where the limits are set, for the fix: a prefix whose
 * `.timeout` and `.maxBytes` they are, or the two keys.
 */
export function limitFetch(
  fetch: FetchLike,
  limits: OutboundLimits,
  what: string,
  configKey: string | { timeout: string; maxBytes: string },
): FetchLike {
  const keys =
    typeof configKey === 'string'
      ? { timeout: `${configKey}.timeout`, maxBytes: `${configKey}.maxBytes` }
      : configKey;
  return (async (input: any, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : String(input?.url ?? input);
    const host = hostOf(url);
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = init?.signal
      ? AbortSignal.any([init.signal, timeout])
      : timeout;
    const timedOut = () =>
      new OutboundLimitError(
        `${what} at ${host} did not answer within ${
          limits.timeoutMs / 1000
        } s; the call was aborted (limit ${keys.timeout})`,
      );
    const tooLarge = () =>
      new OutboundLimitError(
        `${what} at ${host} sent more than ${formatBytes(
          limits.maxBytes,
        )}; the answer was not read (limit ${keys.maxBytes})`,
      );
    const mapError = (error: unknown) =>
      timeout.aborted && !init?.signal?.aborted ? timedOut() : error;

    let res: Response;
    try {
      res = await fetch(input, { ...init, signal });
    } catch (error) {
      throw mapError(error);
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (!res.body) return res;

    const reader = res.body.getReader();
    let total = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { value, done } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          total += value.byteLength;
          if (total > limits.maxBytes) {
            await reader.cancel().catch(() => undefined);
            controller.error(tooLarge());
            return;
          }
          controller.enqueue(value);
        } catch (error) {
          controller.error(mapError(error));
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new UndiciResponse(body as any, {
      status: res.status,
      statusText: res.statusText,
      headers: [...res.headers.entries()],
    });
  }) as unknown as FetchLike;
}
