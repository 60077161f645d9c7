import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  readKnownServices,
  renderManifestSet,
  withGatewayDataPlane,
  writeRenderedFiles,
} from '@internal/homelab-manifests';
import type {
  GatewayDataPlane,
  PortalAccount,
} from '@internal/homelab-manifests';
import { addCatalogAnnotations } from '../catalog/addCatalogAnnotations';
import {
  catalogLookup,
  resolveEgressTargets,
  resolveModelTag,
} from '../catalog/resolveCatalogRefs';
import {
  pruneEmptyFormValues,
  validSpecOrRefuse,
} from '../validation/prepareSpec';
import { safeChildPath, toWorkspacePath } from '../validation/inputRules';

export const RENDER_ACTION_ID = 'homelab:manifests:render';

/**
 * Service spec in, manifest set written into the workspace. Bare hostnames get the
 * configured base domain; egress targets and Ollama models picked in the form are
 * resolved through the catalog before the spec is validated.
 */
export function createRenderManifestsAction(options: {
  catalog: CatalogService;
  baseDomain: string;
  /** `homelab.gateway.dataPlane`, for specs whose gateway names none. */
  gatewayDataPlane?: GatewayDataPlane;
  /**
   * The repository's manifests/: target Services' pod ports for egress rules. The
   * cluster itself is not asked (yet); targets missing here get a logged warning.
   */
  manifestsDir?: string;
  /** `homelab.portal.serviceAccount`, bound by a spec's portalProbe Role. */
  portalAccount?: PortalAccount;
}) {
  return createTemplateAction({
    id: RENDER_ACTION_ID,
    description:
      'Renders a homelab service spec into Kubernetes manifests and a catalog-info.yaml in the workspace',
    supportsDryRun: true,
    schema: {
      input: {
        spec: z =>
          z
            .record(z.unknown())
            .describe(
              'The service spec (see @internal/homelab-manifests); empty form values are dropped',
            ),
        targetPath: z =>
          z
            .string()
            .default('manifests')
            .describe('Workspace folder to render into'),
        egressTargets: z =>
          z
            .array(z.object({ entityRef: z.string(), port: z.number().int() }))
            .optional()
            .describe(
              'Catalog components the service calls, with the port it calls them on',
            ),
        ollama: z =>
          z
            .object({
              enabled: z.boolean().optional(),
              baseUrl: z.string().optional(),
              textModel: z.string().optional(),
              visionModel: z.string().optional(),
            })
            .optional()
            .describe(
              'Ollama settings; models as ai-model entity refs or Ollama tags',
            ),
        catalogAnnotations: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Extra annotations for the Component, e.g. homelab.dev/phase-plan',
            ),
      },
      output: {
        files: z =>
          z.array(z.string()).describe('Workspace paths of the rendered files'),
        directory: z => z.string().describe('Workspace folder of the service'),
        catalogInfoPath: z =>
          z.string().describe('Workspace path of the new catalog-info.yaml'),
        hostnames: z =>
          z.array(z.string()).describe('Full hostnames of the HTTPRoute'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const root = safeChildPath(
        ctx.workspacePath,
        'targetPath',
        input.targetPath ?? 'manifests',
      );
      const draft = pruneEmptyFormValues(input.spec ?? {}) as Record<
        string,
        any
      >;
      const lookup = catalogLookup(
        options.catalog,
        await ctx.getInitiatorCredentials(),
      );

      if (input.egressTargets?.length) {
        const resolved = await resolveEgressTargets(
          lookup,
          input.egressTargets,
        );
        draft.egress = [...(draft.egress ?? []), ...resolved];
      }
      if (input.ollama?.enabled) {
        const { baseUrl, textModel, visionModel } = input.ollama;
        // Unpicked models stay "" here; validSpecOrRefuse prunes them with the rest.
        draft.ollama = {
          baseUrl,
          textModel:
            textModel &&
            (await resolveModelTag(lookup, 'ollama.textModel', textModel)),
          visionModel:
            visionModel &&
            (await resolveModelTag(lookup, 'ollama.visionModel', visionModel)),
        };
      }
      const spec = validSpecOrRefuse(
        withGatewayDataPlane(draft, options.gatewayDataPlane),
      );

      const known = options.manifestsDir
        ? readKnownServices(options.manifestsDir)
        : undefined;
      known?.problems.forEach(p => ctx.logger.warn(p));
      const rendered = renderManifestSet(spec, {
        baseDomain: options.baseDomain,
        knownServices: known?.known,
        portalAccount: options.portalAccount,
      });
      rendered.warnings.forEach(w => ctx.logger.warn(w));
      // The service's entity; a new namespace's catalog-info.yaml is the namespace's.
      const entityPath = `${spec.namespace.name}/${spec.name}/catalog-info.yaml`;
      const files = rendered.files.map(file =>
        file.path === entityPath && input.catalogAnnotations
          ? {
              ...file,
              content: addCatalogAnnotations(
                file.content,
                input.catalogAnnotations,
              ),
            }
          : file,
      );
      // A link planted in the workspace (say manifests/miniflux -> /etc) is refused, not written through.
      for (const file of files) {
        safeChildPath(
          ctx.workspacePath,
          'targetPath',
          toWorkspacePath(ctx.workspacePath, `${root}/${file.path}`),
        );
      }
      const result = writeRenderedFiles(root, files);
      if (result.conflicts.length > 0) {
        throw new InputError(
          `targetPath: ${result.conflicts
            .map(p => toWorkspacePath(ctx.workspacePath, `${root}/${p}`))
            .join(
              ', ',
            )} already exist(s) with other content; nothing was written`,
        );
      }
      const paths = files.map(f =>
        toWorkspacePath(ctx.workspacePath, `${root}/${f.path}`),
      );
      paths.forEach(p => ctx.logger.info(`rendered ${p}`));
      const catalogInfo = toWorkspacePath(
        ctx.workspacePath,
        `${root}/${entityPath}`,
      );
      const route = files.find(f => f.path.endsWith('/httproute.yaml'));
      ctx.output('files', paths);
      ctx.output('directory', catalogInfo.replace(/\/catalog-info\.yaml$/, ''));
      ctx.output('catalogInfoPath', catalogInfo);
      ctx.output('hostnames', route ? parse(route.content).spec.hostnames : []);
    },
  });
}
