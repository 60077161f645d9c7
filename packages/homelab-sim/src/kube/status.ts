/** A metav1 Status, the body of every API error. */
export function status(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export const UNAUTHORIZED = status(401, 'Unauthorized', 'Unauthorized');
