import { parse } from 'yaml';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type {
  GitopsConfig,
  GitopsCredentialsProvider,
} from '@internal/plugin-homelab-node';
import type { GitIdentity } from '../git/gitCli';
import { GitopsRepository } from '../gitops/gitopsRepository';
import { planLayout } from '../gitops/layoutPlan';
import {
  readBaseFile,
  repositoryDocs,
  withRunbookAnnotations,
} from '../gitops/layoutPlanRunbooks';
import { checkAgainstBase } from '../gitops/publishPlan';
import { compareUrl, openPullRequest } from '../gitops/pullRequests';
import { pullRequestBody } from '../gitops/pullRequestBody';
import { requestingAuthor } from '../gitops/requestingAuthor';
import { assertDnsLabel } from '../validation/inputRules';

export const PUBLISH_GITOPS_ACTION_ID = 'homelab:publish:gitops';

export interface PublishGitopsOptions {
  gitops: GitopsConfig;
  /** Asked at each push and pull request, never held from the start. */
  credentials?: GitopsCredentialsProvider;
  catalog: CatalogService;
  /** The portal (`scaffolder.defaultAuthor`): the committer of every scaffold. */
  committer: GitIdentity;
  fetch?: typeof fetch;
  /** Runs after a push: brings the portal's checkout up to date, so the plan shows as proposed at once. */
  afterPush?: () => Promise<unknown>;
}

/**
 * Publishes the rendered workspace as a branch `scaffold/<name>` of the GitOps repository,
 * at the paths of its layout, and opens a pull request where a forge is configured.
 */
export function createPublishGitopsAction(options: PublishGitopsOptions) {
  const { gitops, credentials, catalog, committer } = options;
  const repository = new GitopsRepository({
    remote: gitops.remote,
    baseBranch: gitops.baseBranch,
    cacheDir: gitops.cacheDir,
    credentials,
    // the portal's checkout, when the catalog keeps one: its objects are not fetched again
    borrowObjectsFrom: gitops.checkoutDir,
  });
  return createTemplateAction({
    id: PUBLISH_GITOPS_ACTION_ID,
    description:
      'Pushes the rendered files as a new branch scaffold/<name> of the GitOps repository (homelab.gitops), at its layout paths, and opens a pull request',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe('Service name; the branch is scaffold/<name>'),
        manifestsPath: z =>
          z
            .string()
            .default('manifests')
            .describe(
              'Workspace folder the render wrote (<namespace>/<name>/…)',
            ),
        docsPath: z =>
          z
            .string()
            .default('docs')
            .describe('Workspace folder with phases/ and runbooks/, if any'),
        stack: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Publish every service folder of the namespace (a compose stack), not only <name>',
            ),
        title: z => z.string().optional().describe('Pull request title'),
        commitMessage: z => z.string().optional(),
        lint: z =>
          z
            .object({
              errors: z.number().optional(),
              warnings: z.number().optional(),
              infos: z.number().optional(),
            })
            .optional()
            .describe('The lint step output, for the pull request body'),
        notCarriedOver: z =>
          z
            .array(z.object({ key: z.string(), reason: z.string() }))
            .optional()
            .describe('What the compose import could not carry over'),
      },
      output: {
        branch: z => z.string(),
        baseBranch: z => z.string(),
        commit: z => z.string(),
        remote: z => z.string().describe('The repository URL or local path'),
        files: z => z.array(z.string()).describe('Repository paths written'),
        appended: z =>
          z
            .array(z.string())
            .describe('Existing kustomization.yaml files extended'),
        compareUrl: z => z.string().optional(),
        pullRequestUrl: z => z.string().optional(),
        pullRequestNumber: z => z.number().optional(),
        reviewUrl: z =>
          z
            .string()
            .optional()
            .describe('The pull request, else the compare page'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe('The entity the catalog shows once merged'),
        entityRefs: z =>
          z
            .array(z.string())
            .describe('Every entity the branch adds (a stack has several)'),
        catalogInfoPath: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      assertDnsLabel('name', input.name);
      const branch = `scaffold/${input.name}`;
      const plan = await planLayout({
        workspacePath: ctx.workspacePath,
        manifestsPath: input.manifestsPath ?? 'manifests',
        docsPath: input.docsPath ?? 'docs',
        name: input.name,
        layout: gitops.layout,
        stack: input.stack,
      });
      const entityRefs = plan.catalogInfoPaths.flatMap(
        path =>
          entityRefOf(plan.files.find(f => f.path === path)!.content) ?? [],
      );
      const entityRef = entityRefs[0];
      const author =
        (await requestingAuthor(ctx.user, catalog, () =>
          ctx.getInitiatorCredentials(),
        )) ?? committer;
      const template = ctx.templateInfo?.entityRef ?? 'a template';
      const message =
        input.commitMessage || `Scaffold ${input.name} from ${template}`;

      const result = await repository.exclusive(async () => {
        if (await repository.remoteBranchExists(branch)) {
          throw new ConflictError(
            `name: the branch ${branch} already exists on ${repository.remoteLabel}; choose another name, or merge or delete that branch`,
          );
        }
        const docs = repositoryDocs(
          await readBaseFile(repository, 'catalog-info.yaml'),
          (await readBaseFile(repository, 'mkdocs.yml')) ??
            (await readBaseFile(repository, 'mkdocs.yaml')),
        );
        const checked = await checkAgainstBase(
          repository,
          withRunbookAnnotations(plan, docs),
        );
        if (ctx.isDryRun) return { commit: 'dry-run', ...checked };
        const commit = await repository.commit({
          files: checked.files,
          message,
          author,
          committer,
        });
        await repository.pushNewBranch(commit, branch);
        return { commit, ...checked };
      });
      const files = result.files.map(f => f.path);
      if (!ctx.isDryRun && options.afterPush) {
        await options
          .afterPush()
          .catch(error =>
            ctx.logger.warn(
              `pushed, but the portal's checkout did not update (${error.message}); the scheduled fetch will`,
            ),
          );
      }
      ctx.logger.info(
        `${ctx.isDryRun ? 'dry run: would push' : 'pushed'} ${branch} (${
          result.commit
        }) to ${repository.remoteLabel}: ${files.join(', ')}`,
      );

      const webUrl =
        gitops.remote.kind === 'url' ? gitops.remote.webUrl : undefined;
      const compare = compareUrl(webUrl, gitops.baseBranch, branch);
      let pullRequest: { number: number; url: string } | undefined;
      if (gitops.pullRequests.provider !== 'none' && !ctx.isDryRun) {
        pullRequest = await openPullRequest(
          gitops.pullRequests,
          credentials,
          {
            title: input.title || message,
            head: branch,
            base: gitops.baseBranch,
            body: pullRequestBody({
              files,
              appended: result.appended,
              lint: input.lint,
              notCarriedOver: input.notCarriedOver,
              entityRef,
              template,
            }),
          },
          options.fetch,
        ).catch(error => {
          error.message = `${error.message}. The branch ${branch} is pushed${
            compare ? `: ${compare}` : ''
          }`;
          throw error;
        });
        ctx.logger.info(
          `opened pull request #${pullRequest.number}: ${pullRequest.url}`,
        );
      }
      ctx.output('branch', branch);
      ctx.output('baseBranch', gitops.baseBranch);
      ctx.output('commit', result.commit);
      ctx.output('remote', repository.remoteLabel);
      ctx.output('files', files);
      ctx.output('appended', result.appended);
      if (compare) ctx.output('compareUrl', compare);
      if (pullRequest) {
        ctx.output('pullRequestUrl', pullRequest.url);
        ctx.output('pullRequestNumber', pullRequest.number);
      }
      const review = pullRequest?.url ?? compare;
      if (review) ctx.output('reviewUrl', review);
      if (entityRef) ctx.output('entityRef', entityRef);
      ctx.output('entityRefs', entityRefs);
      if (plan.catalogInfoPaths.length > 0)
        ctx.output('catalogInfoPath', plan.catalogInfoPaths[0]);
    },
  });
}

function entityRefOf(content: Buffer): string | undefined {
  const entity = parse(content.toString('utf8'));
  if (!entity?.kind || !entity?.metadata?.name) return undefined;
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  });
}
