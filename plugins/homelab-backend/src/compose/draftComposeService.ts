import { InputError } from '@backstage/errors';
import {
  type ComposeSources,
  formatComposeDraft,
  importComposeService,
  importComposeStack,
  listComposeServices,
  parseComposeFile,
} from '@internal/homelab-manifests';
import type {
  ComposeDraftResponse,
  ComposeStackPreview,
} from '@internal/plugin-homelab-common';
import { z } from 'zod';

/** The compose-migration template's limit on the pasted file. */
export const MAX_COMPOSE_BYTES = 256 * 1024;
const MAX_ENV_BYTES = 64 * 1024;

const envText = z
  .string()
  .refine(
    text => Buffer.byteLength(text) <= MAX_ENV_BYTES,
    `must be at most ${MAX_ENV_BYTES / 1024} KiB`,
  );

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
  /** Every service of the file into one namespace, instead of `service`. */
  all: z.boolean().optional(),
  namespace: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'must be a DNS label, e.g. media',
    )
    .optional(),
  /** The pasted .env beside the compose file: variables for interpolation. */
  envFile: envText.optional(),
  /** Pasted env_file contents by the path the compose file gives them. */
  envFiles: z
    .record(
      z
        .string()
        .max(255)
        .refine(
          p => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'),
          'must be a path relative to the compose file, without ".."',
        ),
      envText,
    )
    .refine(files => Object.keys(files).length <= 32, 'at most 32 env files')
    .optional(),
});

/**
 * The services of a pasted compose file and, when one is named, the importer's draft
 * for it (with `all`, the whole stack's preview): what the compose-migration template
 * will scaffold, shown before it runs. Runs the same importer as the
 * homelab:compose:import action. Nothing is read from the portal's disk: .env and
 * env_file contents come in the request; values of secret variables never go out.
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
  const sources: ComposeSources = {
    envFile: request.envFile,
    readFile: path =>
      path === '.env' && request.envFiles?.[path] === undefined
        ? request.envFile
        : request.envFiles?.[path.replace(/^\.\//, '')] ??
          request.envFiles?.[path],
  };
  if (request.all) return { services, stack: previewStack(request, sources) };
  if (!service || !services.some(s => s.name === service)) return { services };

  let result;
  try {
    result = importComposeService(composeYaml, service, { sources });
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

function previewStack(
  request: z.output<typeof composeDraftRequest>,
  sources: ComposeSources,
): ComposeStackPreview {
  let stack;
  try {
    stack = importComposeStack(request.composeYaml, {
      namespace: request.namespace,
      sources,
    });
  } catch (error) {
    throw new InputError(`composeYaml: ${(error as Error).message}`);
  }
  return {
    namespace: stack.namespace,
    podSecurity: stack.podSecurity,
    services: stack.services.map(s => ({
      service: s.service,
      name: s.name,
      role: s.role,
      ...(s.runsIn ? { runsIn: s.runsIn } : {}),
      podSecurity: s.podSecurity,
      ...(s.decision ? { decision: s.decision } : {}),
      secretKeys: s.draft?.secretKeys ?? [],
      unmapped: s.unmapped,
      warnings: s.warnings,
    })),
    inactive: stack.inactive,
    warnings: stack.warnings,
    files: stack.files.map(f => f.path),
    phasePlan:
      stack.files.find(f => f.path === `${stack.namespace}/MIGRATION.md`)
        ?.content ?? '',
  };
}
