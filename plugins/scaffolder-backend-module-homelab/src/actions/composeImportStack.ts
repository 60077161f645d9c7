import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  importComposeStack,
  podSecurityLevels,
  writeRenderedFiles,
} from '@internal/homelab-manifests';
import type { PortalAccount } from '@internal/homelab-manifests';
import { composeText, pastedSources } from '../compose/composeInput';
import { stackSummary } from '../compose/stackSummary';
import { stackWorkspaceFiles } from '../compose/stackWorkspaceFiles';
import { assertDnsLabel, safeChildPath } from '../validation/inputRules';

export const COMPOSE_IMPORT_STACK_ACTION_ID = 'homelab:compose:import-stack';

/**
 * Thin wrapper over importComposeStack: every service of a compose file rendered into
 * one namespace of the workspace (`<manifests>/<namespace>/<service>/`), with the stack's
 * phase plan and runbooks under `<docs>/`, ready for homelab:publish:gitops with `stack`.
 * Secret values never reach a file, an output or the log.
 */
export function createComposeImportStackAction(
  options: {
    /** `homelab.portal.serviceAccount`, bound by the Roles of HTTP checks. */
    portalAccount?: PortalAccount;
  } = {},
) {
  return createTemplateAction({
    id: COMPOSE_IMPORT_STACK_ACTION_ID,
    description:
      'Renders every service of a Docker Compose file into one namespace, with NetworkPolicies between them, one phase plan and runbooks; secret values are never kept',
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
        name: z =>
          z
            .string()
            .describe(
              'Name of the stack: the phase plan docs/phases/<name>.md and the branch',
            ),
        namespace: z =>
          z
            .object({
              name: z.string(),
              create: z.boolean().optional(),
              podSecurity: z.enum(podSecurityLevels).optional(),
            })
            .optional()
            .describe('Default: the compose project name:, created'),
        owner: z => z.string().optional(),
        storageSize: z => z.string().optional(),
        envFile: z =>
          z
            .string()
            .max(65536)
            .optional()
            .describe('The pasted .env beside the compose file'),
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
              'Pasted env_file contents by the relative path the compose file gives them',
            ),
        phaseId: z => z.string().optional(),
        title: z => z.string().optional(),
        currentHost: z => z.string().optional(),
        targetVersion: z => z.string().optional(),
        prerequisite: z => z.string().optional(),
        priority: z => z.string().optional(),
        manifestsPath: z => z.string().default('manifests'),
        docsPath: z => z.string().default('docs'),
      },
      output: {
        namespace: z => z.string(),
        podSecurity: z => z.string(),
        services: z =>
          z
            .array(
              z.object({
                service: z.string(),
                name: z.string(),
                role: z.string(),
                rendered: z.boolean(),
              }),
            )
            .describe('Every service of the file and whether it rendered'),
        unmapped: z =>
          z
            .array(z.object({ key: z.string(), reason: z.string() }))
            .describe('What was not carried over, keys as "<service>: <key>"'),
        secretKeys: z =>
          z.array(z.string()).describe('"<service>: <variable>", names only'),
        summary: z => z.string().describe('Markdown: the stack at a glance'),
        files: z => z.array(z.string()).describe('Workspace paths written'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      assertDnsLabel('name', input.name);
      if (input.namespace)
        assertDnsLabel('namespace.name', input.namespace.name);
      const text = await composeText(
        ctx.workspacePath,
        input.composeYaml,
        input.composePath,
      );
      const sources = pastedSources(input.envFile, input.envFiles);
      let stack;
      try {
        stack = importComposeStack(text, {
          namespace: input.namespace?.name,
          owner: input.owner || undefined,
          storageSize: input.storageSize || undefined,
          sources,
          portalAccount: options.portalAccount,
        });
      } catch (error) {
        const message = (error as Error).message;
        if (message.startsWith('namespace:'))
          throw new InputError(
            'namespace.name: the compose file has no project name: to take it from; give the namespace',
          );
        throw new InputError(`composeYaml: ${message}`);
      }
      const wanted = input.namespace?.podSecurity;
      if (
        wanted &&
        podSecurityLevels.indexOf(stack.podSecurity) >
          podSecurityLevels.indexOf(wanted)
      ) {
        ctx.logger.warn(
          `namespace.podSecurity: the stack needs ${stack.podSecurity}, not ${wanted}; the namespace is labelled ${stack.podSecurity} (see the services' Pod Security in the report)`,
        );
      }
      const manifestsPath = input.manifestsPath ?? 'manifests';
      const docsPath = input.docsPath ?? 'docs';
      const split = stackWorkspaceFiles(stack, input, {
        docsPath,
        createNamespace: input.namespace?.create ?? true,
      });
      const targets = [
        { field: 'manifestsPath', path: manifestsPath, files: split.manifests },
        { field: 'docsPath', path: docsPath, files: split.docs },
      ].map(t => ({
        ...t,
        root: safeChildPath(ctx.workspacePath, t.field, t.path),
      }));
      // Both folders are checked before either is written, so a refusal leaves no half of it.
      const conflicts = targets.flatMap(t =>
        t.files
          .filter(f => {
            const file = join(t.root, f.path);
            return existsSync(file) && readFileSync(file, 'utf8') !== f.content;
          })
          .map(f => `${t.path}/${f.path}`),
      );
      if (conflicts.length > 0) {
        throw new InputError(
          `${conflicts.join(
            ', ',
          )} already exist(s) in the workspace with other content; nothing was written`,
        );
      }
      // also in a dry run: its workspace is a temporary folder the lint and publish steps read
      for (const t of targets) writeRenderedFiles(t.root, t.files);
      const written: string[] = [];
      for (const t of targets)
        written.push(...t.files.map(f => `${t.path}/${f.path}`));

      const unmapped = stack.services.flatMap(s => [
        ...(s.decision
          ? [
              {
                key: `${s.service}`,
                reason: `needs a decision: ${s.decision.reason}; ${s.decision.fix}`,
              },
            ]
          : []),
        ...s.unmapped.map(u => ({
          key: `${s.service}: ${u.key}`,
          reason: u.reason,
        })),
      ]);
      const secretKeys = stack.services.flatMap(s =>
        (s.draft?.secretKeys ?? []).map(k => `${s.service}: ${k}`),
      );
      for (const s of stack.services) {
        ctx.logger.info(
          `${s.service}: ${
            s.decision
              ? `not rendered, needs a decision (${s.decision.fix})`
              : s.role
          }`,
        );
        for (const w of s.warnings)
          ctx.logger.info(`check: ${s.service}: ${w}`);
      }
      for (const u of unmapped)
        ctx.logger.warn(`not carried over: ${u.key}: ${u.reason}`);
      for (const w of stack.warnings) ctx.logger.info(`check: ${w}`);
      if (secretKeys.length > 0)
        ctx.logger.info(
          `secret variables (values not copied): ${secretKeys.join(', ')}`,
        );

      ctx.output('namespace', stack.namespace);
      ctx.output('podSecurity', stack.podSecurity);
      ctx.output(
        'services',
        stack.services.map(s => ({
          service: s.service,
          name: s.name,
          role: s.role,
          rendered: !s.decision,
        })),
      );
      ctx.output('unmapped', unmapped);
      ctx.output('secretKeys', secretKeys);
      ctx.output('summary', stackSummary(stack));
      ctx.output('files', written);
    },
  });
}
