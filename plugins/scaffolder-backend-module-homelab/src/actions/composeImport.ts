import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatComposeDraft,
  importComposeService,
  parseServiceSpec,
  podSecurityLevels,
} from '@internal/homelab-manifests';
import { composeText, pastedSources } from '../compose/composeInput';
import {
  assertDnsLabel,
  assertNoParentSegments,
} from '../validation/inputRules';

export const COMPOSE_IMPORT_ACTION_ID = 'homelab:compose:import';

/** Thin wrapper over importComposeService: compose text in, draft spec and what was not carried over out. */
export function createComposeImportAction() {
  return createTemplateAction({
    id: COMPOSE_IMPORT_ACTION_ID,
    description:
      'Drafts a homelab service spec from one service of a Docker Compose file; secret values are never kept',
    supportsDryRun: true,
    schema: {
      input: {
        composeYaml: z =>
          z
            .string()
            .optional()
            .describe('The docker-compose.yml text (or give composePath)'),
        composePath: z =>
          z.string().optional().describe('Workspace path of the compose file'),
        service: z =>
          z.string().describe('Name of the service in the compose file'),
        name: z =>
          z
            .string()
            .optional()
            .describe(
              'Name of the new service; default: the compose service name as a DNS label',
            ),
        namespace: z =>
          z
            .object({
              name: z.string(),
              create: z.boolean().optional(),
              podSecurity: z.enum(podSecurityLevels).optional(),
            })
            .optional(),
        owner: z => z.string().optional(),
        description: z => z.string().optional(),
        image: z =>
          z
            .string()
            .optional()
            .describe('Replaces the compose image, e.g. to pin a floating tag'),
        hostnames: z => z.array(z.string()).optional(),
        gateway: z =>
          z
            .object({
              name: z.string(),
              namespace: z.string(),
              sectionName: z.string().optional(),
            })
            .optional(),
        storageSize: z =>
          z
            .string()
            .optional()
            .describe('Size of each volume claim; default 1Gi'),
        envFile: z =>
          z
            .string()
            .max(65536)
            .optional()
            .describe(
              'The pasted .env beside the compose file: variables for ${VAR} interpolation and env_file: .env',
            ),
        envFiles: z =>
          z
            .union([
              z.record(z.string().max(65536)),
              z
                .array(z.object({ path: z.string(), content: z.string() }))
                .max(32),
            ])
            .optional()
            .describe(
              "Pasted env_file contents by the relative path the compose file gives them (an object, or the form's list of { path, content })",
            ),
      },
      output: {
        spec: z => z.record(z.unknown()).describe('The draft service spec'),
        draft: z =>
          z.string().describe('The draft as commented YAML for review'),
        unmapped: z =>
          z
            .array(z.object({ key: z.string(), reason: z.string() }))
            .describe('Compose keys not carried over'),
        secretKeys: z =>
          z
            .array(z.string())
            .describe('Variables moved to the Secret (names only)'),
        warnings: z => z.array(z.string()),
        valid: z =>
          z
            .boolean()
            .describe('Whether the draft passes the spec validation as is'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const text = await composeText(
        ctx.workspacePath,
        input.composeYaml,
        input.composePath,
      );
      assertNoParentSegments('service', input.service);
      if (input.namespace)
        assertDnsLabel('namespace.name', input.namespace.name);
      if (input.name) assertDnsLabel('name', input.name);

      // nothing is read from disk: .env and env_file contents are pasted form fields
      const sources = pastedSources(input.envFile, input.envFiles);
      let result;
      try {
        result = importComposeService(text, input.service, {
          namespace: input.namespace?.name,
          owner: input.owner || undefined,
          storageSize: input.storageSize || undefined,
          sources,
        });
      } catch (error) {
        throw new InputError(`composeYaml: ${(error as Error).message}`);
      }
      const spec: Record<string, any> = { ...result.spec };
      if (input.namespace)
        spec.namespace = { ...spec.namespace, ...definedOnly(input.namespace) };
      if (input.name) spec.name = input.name;
      if (input.description) spec.description = input.description;
      if (input.image) spec.image = input.image;
      if (input.hostnames?.some(Boolean))
        spec.hostnames = input.hostnames.filter(Boolean);
      if (input.gateway?.name) spec.gateway = definedOnly(input.gateway);

      for (const u of result.unmapped)
        ctx.logger.warn(`not carried over: ${u.key}: ${u.reason}`);
      for (const w of result.warnings) ctx.logger.info(`check: ${w}`);
      if (result.secretKeys.length > 0) {
        ctx.logger.info(
          `secret variables (values not copied): ${result.secretKeys.join(
            ', ',
          )}`,
        );
      }
      const parsed = parseServiceSpec(spec);
      if (!parsed.success) {
        parsed.problems.forEach(p =>
          ctx.logger.warn(`draft needs: spec.${p.path}: ${p.message}`),
        );
      }
      const reviewed = { ...result, spec: spec as typeof result.spec };
      ctx.output('spec', spec);
      ctx.output(
        'draft',
        formatComposeDraft(reviewed, `compose service ${input.service}`),
      );
      ctx.output('unmapped', result.unmapped);
      ctx.output('secretKeys', result.secretKeys);
      ctx.output('warnings', result.warnings);
      ctx.output('valid', parsed.success);
    },
  });
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as T;
}
