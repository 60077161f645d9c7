import { ResponseError } from '@backstage/errors';
import { describeError } from '../../api/describeError';
import type { ComposeServiceSummary } from '../../api/types';

/** The backend's own words for a 400 (they name the field and the fix). */
export function composeErrorMessage(error: Error): string {
  if (error instanceof ResponseError && error.statusCode === 400) {
    const message = error.body?.error?.message;
    if (message) return message;
  }
  return `Could not read the compose file: ${describeError(error)}`;
}

export function notInFile(name: string, services: ComposeServiceSummary[]) {
  const names = services.map(s => s.name).join(', ');
  return `"${name}" is not a service of the pasted compose file; pick one of: ${names}.`;
}
