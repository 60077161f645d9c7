import { InputError } from '@backstage/errors';
import {
  formatComposeDraft,
  importComposeService,
  listComposeServices,
  parseComposeFile,
} from '@internal/homelab-manifests';
import type { ComposeDraftResponse } from '@internal/plugin-homelab-common';
import { z } from 'zod';

/** The compose-migration template's limit on the pasted file. */
export const MAX_COMPOSE_BYTES = 256 * 1024;

export const composeDraftRequest = z.object({
  composeYaml: z
    .string({ required_error: 'paste the docker-compose.yml' })
    .min(1, 'paste the docker-compose.yml')
    .refine(
      text => Buffer.byteLength(text) <= MAX_COMPOSE_BYTES,
      `must be at most ${
        MAX_COMPOSE_BYTES / 1024
      } KiB; paste only the compose file`,
    ),
  service: z
    .string()
    .max(63)
    .regex(
      /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
      'must be a compose service name, e.g. web',
    )
    .optional(),
});

/**
 * The services of a pasted compose file and, when one is named, the importer's draft
 * for it: what the compose-migration template will scaffold, shown before it runs.
 * Runs the same importer as the homelab:compose:import action.
 */
export function draftComposeService(
  request: z.output<typeof composeDraftRequest>,
): ComposeDraftResponse {
  const { composeYaml, service } = request;
  let file;
  try {
    file = parseComposeFile(composeYaml);
  } catch (error) {
    throw new InputError(`composeYaml: ${(error as Error).message}`);
  }
  const services = listComposeServices(file);
  if (!service || !services.some(s => s.name === service)) return { services };

  let result;
  try {
    result = importComposeService(composeYaml, service);
  } catch (error) {
    throw new InputError(`composeYaml: ${(error as Error).message}`);
  }
  return {
    services,
    draft: {
      service,
      yaml: formatComposeDraft(result, `compose service ${service}`),
      secretKeys: result.secretKeys,
      unmapped: result.unmapped,
      warnings: result.warnings,
    },
  };
}
