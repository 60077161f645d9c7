import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { readAtMost } from '../limits';
import type { PlanReadLimits } from './planReadLimits';
import { planTimedOut, planTooLarge } from './planRefusedError';

/** A plan read from a URL, with what the reader can later tell changed. */
export interface PlanUrlText {
  text: string;
  etag?: string;
  lastModifiedAt?: Date;
}

/** Rejects with `timedOut()` when `signal` aborts before `work` settles. */
function before<T>(
  work: Promise<T>,
  signal: AbortSignal,
  timedOut: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timedOut());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The plan at `url`, read through the UrlReader (so backend.reading.allow
 * applies): the whole read, answer and body, within `limits.readTimeoutMs`
 * even when the reader ignores the abort signal, and at most `limits.maxBytes`;
 * both refusals are PlanRefusedErrors. `previous` asks for the plan only if it
 * changed: the reader's NotModifiedError is passed on.
 */
export async function readPlanUrl(
  reader: UrlReaderService,
  url: string,
  limits: PlanReadLimits,
  previous?: { etag?: string; lastModifiedAt?: Date },
): Promise<PlanUrlText> {
  const { maxBytes, readTimeoutMs } = limits;
  const signal = AbortSignal.timeout(readTimeoutMs);
  const timedOut = () => planTimedOut(url, limits);
  const tooLarge = () => planTooLarge(url, limits);
  const res = await before(
    reader.readUrl(url, {
      etag: previous?.etag,
      lastModifiedAfter: previous?.etag ? undefined : previous?.lastModifiedAt,
      signal,
    }),
    signal,
    timedOut,
  );
  let body: Buffer;
  if (res.stream) {
    const stream = res.stream();
    // A body that trickles on past the timeout is not read any further.
    signal.addEventListener('abort', () => stream.destroy(), { once: true });
    body = await before(
      readAtMost(stream, maxBytes, tooLarge),
      signal,
      timedOut,
    );
  } else {
    body = await before(res.buffer(), signal, timedOut);
  }
  if (body.byteLength > maxBytes) throw tooLarge();
  return {
    text: body.toString('utf8'),
    etag: res.etag,
    lastModifiedAt: res.lastModifiedAt,
  };
}
