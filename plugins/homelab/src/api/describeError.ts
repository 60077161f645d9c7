import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the backend's words when it answered with an error
 * body ("Request failed with 404" alone does not say why).
 */
export function describeError(error: Error): string {
  if (error instanceof ResponseError || error?.name === 'ResponseError') {
    const r = error as ResponseError;
    const message = r.body?.error?.message;
    const status = r.statusCode ?? r.body?.response?.statusCode;
    if (message) return status ? `${message} (HTTP ${status})` : message;
  }
  return error?.message ?? String(error);
}
