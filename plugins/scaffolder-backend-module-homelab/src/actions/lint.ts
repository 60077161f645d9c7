import { sep } from 'node:path';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Finding,
  lintManifests,
  podSecurityLevels,
  readLintInputs,
} from '@internal/homelab-manifests';
import { safeChildPath, toWorkspacePath } from '../validation/inputRules';

export const LINT_ACTION_ID = 'homelab:manifests:lint';

/** Lints the workspace's manifests offline; any error finding fails the task. */
export function createLintManifestsAction() {
  return createTemplateAction({
    id: LINT_ACTION_ID,
    description:
      'Lints Kubernetes manifests in the workspace (schema, Pod Security, homelab rules); errors fail the step',
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .default('manifests')
            .describe('Workspace file or folder to lint'),
        pssLevel: z =>
          z
            .enum(podSecurityLevels)
            .optional()
            .describe(
              'Pod Security level for namespaces without a Namespace object (default restricted)',
            ),
      },
      output: {
        errors: z => z.number(),
        warnings: z => z.number(),
        infos: z => z.number(),
        files: z => z.number().describe('YAML files linted'),
      },
    },
    async handler(ctx) {
      const path = ctx.input.path ?? 'manifests';
      const target = safeChildPath(ctx.workspacePath, 'path', path);
      const read = readLintInputs([target]);
      if (read.problems.length > 0) {
        const shown = read.problems.map(p =>
          p.split(`${ctx.workspacePath}${sep}`).join(''),
        );
        throw new InputError(`path: ${shown.join('; ')}`);
      }
      // Absolute paths go in, so kustomization entries are judged where they are on disk.
      const result = lintManifests(read.inputs, {
        pssLevel: ctx.input.pssLevel,
      });
      for (const finding of result.findings) {
        const line = formatFinding({
          ...finding,
          file: toWorkspacePath(ctx.workspacePath, finding.file),
        });
        if (finding.severity === 'error') ctx.logger.error(line);
        else if (finding.severity === 'warning') ctx.logger.warn(line);
        else ctx.logger.info(line);
      }
      const { error, warning, info } = result.summary;
      ctx.logger.info(
        `lint: ${result.files} file(s), ${error} error(s), ${warning} warning(s), ${info} info(s)`,
      );
      ctx.output('errors', error);
      ctx.output('warnings', warning);
      ctx.output('infos', info);
      ctx.output('files', result.files);
      if (error > 0) {
        throw new Error(
          `lint found ${error} error(s) in ${path}; the task log lists each with file:line and its fix`,
        );
      }
    },
  });
}

export function formatFinding(f: Finding): string {
  const object = f.kind ? ` ${f.kind}/${f.name ?? '?'}` : '';
  return `${f.file}:${f.line} ${f.severity} [${f.rule}]${object}: ${f.message}${
    f.fix ? ` Fix: ${f.fix}` : ''
  }`;
}
