import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LocalScaffoldRepository } from '../git/LocalScaffoldRepository';
import { listPublishableTree } from '../git/publishableTree';
import {
  assertDnsLabel,
  refuse,
  safeChildPath,
} from '../validation/inputRules';

export const PUBLISH_LOCAL_ACTION_ID = 'homelab:publish:local';

/**
 * The default publisher of the embedded setup: commits the workspace onto a new branch
 * `scaffold/<name>` of a git repository under the data folder and leaves that branch
 * checked out as a working copy, from which the catalog-info.yaml is registered.
 */
export function createPublishLocalAction(options: {
  repository: LocalScaffoldRepository;
}) {
  const { repository } = options;
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Commits the workspace onto a new branch scaffold/<name> of the local repository under the data folder and checks it out as a working copy',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe('Service name; the branch is scaffold/<name>'),
        sourcePath: z =>
          z.string().default('.').describe('Workspace folder to publish'),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe(
              'Path of the catalog-info.yaml to register, relative to sourcePath',
            ),
        commitMessage: z => z.string().optional(),
      },
      output: {
        workingCopyPath: z =>
          z.string().describe('Folder where the branch is checked out'),
        repositoryPath: z => z.string(),
        branch: z => z.string(),
        commitHash: z => z.string(),
        catalogInfoPath: z =>
          z
            .string()
            .describe('Absolute path of the published catalog-info.yaml'),
        catalogInfoUrl: z =>
          z.string().describe('file: URL of the published catalog-info.yaml'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      assertDnsLabel('name', input.name);
      const source = safeChildPath(
        ctx.workspacePath,
        'sourcePath',
        input.sourcePath ?? '.',
      );
      if (!existsSync(source) || !statSync(source).isDirectory()) {
        refuse(
          'sourcePath',
          `${input.sourcePath} is not a folder of the workspace`,
        );
      }
      const catalogInfoRel = input.catalogInfoPath ?? 'catalog-info.yaml';
      if (
        !existsSync(
          safeChildPath(
            source,
            'catalogInfoPath',
            catalogInfoRel,
            'the published folder',
          ),
        )
      ) {
        refuse(
          'catalogInfoPath',
          `${catalogInfoRel} is not in ${
            input.sourcePath ?? '.'
          }; render the manifests first`,
        );
      }

      // Refused here too, so a dry run reports a link out of the workspace.
      await listPublishableTree(source, 'sourcePath');
      const workingCopy = repository.workingCopyOf(input.name);
      let result = {
        repositoryPath: repository.repositoryPath,
        workingCopyPath: workingCopy,
        branch: repository.branchOf(input.name),
        commitHash: 'dry-run',
      };
      if (ctx.isDryRun) {
        // publish() makes this check itself, inside the repository's queue.
        await repository.assertFree(input.name);
        ctx.logger.info(
          `dry run: would commit onto ${result.branch} and check it out at ${workingCopy}`,
        );
      } else {
        const template = ctx.templateInfo?.entityRef ?? 'a template';
        result = await repository.publish(
          input.name,
          source,
          input.commitMessage || `Scaffold ${input.name} from ${template}`,
        );
        ctx.logger.info(
          `committed ${result.commitHash} onto ${result.branch}; working copy: ${workingCopy}`,
        );
      }
      const catalogInfo = join(workingCopy, catalogInfoRel);
      ctx.output('workingCopyPath', result.workingCopyPath);
      ctx.output('repositoryPath', result.repositoryPath);
      ctx.output('branch', result.branch);
      ctx.output('commitHash', result.commitHash);
      ctx.output('catalogInfoPath', catalogInfo);
      ctx.output('catalogInfoUrl', pathToFileURL(catalogInfo).href);
    },
  });
}
