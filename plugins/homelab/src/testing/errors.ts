import { ResponseError } from '@backstage/errors';

/** What a Backstage backend's error handler answers for an InputError. */
export function inputErrorResponse(message: string, url: string): Response {
  return new Response(
    JSON.stringify({
      error: { name: 'InputError', message },
      request: { method: 'POST', url },
      response: { statusCode: 400 },
    }),
    {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'content-type': 'application/json' },
    },
  );
}

/** The error a client throws for that answer. */
export function inputError(message: string, url: string) {
  return ResponseError.fromResponse(inputErrorResponse(message, url) as any);
}
