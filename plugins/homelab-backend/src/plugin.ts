import {
  coreServices,
  createBackendPlugin,
  type LoggerService,
  type RootConfigService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readHomelabBackendConfig } from './config';
import {
  CutoverService,
  readCutoverConfig,
  scheduleCutoverChecks,
} from './cutover';
import { catalogAiModels } from './ollama/catalogAiModels';
import { OllamaSampler } from './ollama/OllamaSampler';
import { OllamaSampleStore } from './ollama/OllamaSampleStore';
import { OllamaStatusService } from './ollama/OllamaStatusService';
import {
  ollamaTaskTimeouts,
  samplerRequestTimeoutMs,
  scheduleOllamaTasks,
} from './ollama/scheduleOllamaTasks';
import type { SamplerSources } from './ollama/sources';
import { sourcesFromConfig } from './ollama/sourcesFromConfig';
import { PhasePlanService } from './phases/PhasePlanService';
import { checkoutPlans } from './phases/proposedSetup';
import { HomeSummaryService } from './home/HomeSummaryService';
import { setUpGitopsMerge } from './gitops/setUpGitopsMerge';
import { createRouter } from './service/router';
import {
  clusterFromConfig,
  readSnapshotConfig,
  scheduleClusterSnapshot,
} from './snapshot';

export type { SamplerSources } from './ollama/sources';

export type CreateSamplerSources = (
  config: RootConfigService,
  logger: LoggerService,
) => SamplerSources | Promise<SamplerSources>;

/**
 * The homelab backend plugin (pluginId `homelab`): phase plans and the Ollama
 * sampler with its REST API under /api/homelab. `createSources` decides how
 * Ollama and the cluster are reached; the default export reads them from
 * `homelab.ollama` and `homelab.cluster`.
 */
export function createHomelabBackendPlugin(options: {
  createSources: CreateSamplerSources;
}) {
  return createBackendPlugin({
    pluginId: 'homelab',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          database: coreServices.database,
          scheduler: coreServices.scheduler,
          urlReader: coreServices.urlReader,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          userInfo: coreServices.userInfo,
          auditor: coreServices.auditor,
        },
        async init(deps) {
          const { config, logger, catalog, auth } = deps;
          const settings = readHomelabBackendConfig(config);
          // Refuses an interval too short for its task's timeout before anything starts.
          const timeouts = ollamaTaskTimeouts(settings.ollama);
          const sources = await options.createSources(config, logger);
          const store = await OllamaSampleStore.create(deps.database, {
            slotMs: settings.ollama.sampleIntervalMs,
          });

          const integrations = ScmIntegrations.fromConfig(config);
          const phases = new PhasePlanService({
            repositoryRoot: settings.repositoryRoot,
            folders: settings.phaseFolders,
            catalogFileLocations: settings.catalogFileLocations,
            limits: settings.phases,
            urlReader: deps.urlReader,
            catalog,
            logger,
            resolveUrl: o => integrations.resolveUrl(o),
            gitopsCheckout: settings.gitopsCheckoutEnabled
              ? settings.gitops.checkoutDir
              : undefined,
            checkout: checkoutPlans(config, settings),
          });
          const status = new OllamaStatusService({
            store,
            intervalMs: settings.ollama.sampleIntervalMs,
            churnThreshold: settings.ollama.churnThreshold,
          });
          const sampler = new OllamaSampler({
            ...sources,
            store,
            logger,
            intervalMs: settings.ollama.sampleIntervalMs,
            requestTimeoutMs: samplerRequestTimeoutMs(timeouts.samplerMs),
            textModel: settings.ollama.textModel,
            visionModel: settings.ollama.visionModel,
            aiModels: catalogAiModels(catalog, auth),
          });
          await scheduleOllamaTasks({
            scheduler: deps.scheduler,
            settings: settings.ollama,
            sampler,
            store,
            ollama: sources.ollama,
            logger,
          });

          // One reading of the cluster per interval, shared by the cutover view and the home page.
          const cluster = clusterFromConfig(config, logger);
          const snapshot = await scheduleClusterSnapshot({
            scheduler: deps.scheduler,
            settings: readSnapshotConfig(config),
            cluster,
            logger,
          });

          // Checks run with the backend's own credentials; each route filters by the caller's.
          const runner = await scheduleCutoverChecks({
            scheduler: deps.scheduler,
            settings: readCutoverConfig(config),
            cluster,
            ollama: sources.ollama,
            plans: async () =>
              phases.cutovers(await auth.getOwnServiceCredentials()),
            logger,
          });
          const cutover = new CutoverService({
            plans: credentials => phases.cutovers(credentials),
            runner,
            snapshot,
            catalog,
          });

          // The home page: summaries of the snapshot, the plans, the cutovers and the stored
          // Ollama samples, computed once per snapshot interval and shared by every viewer.
          const home = new HomeSummaryService({
            snapshot,
            phases,
            ollama: status,
            catalog,
            auth,
            logger,
            cutovers: async credentials =>
              (await cutover.list(credentials)).cutovers,
          });
          await home.schedule(deps.scheduler);

          // No auth policy is added: every route needs user or service credentials.
          deps.httpRouter.use(
            await createRouter({
              httpAuth: deps.httpAuth,
              phases,
              ollama: status,
              snapshot,
              cutover,
              home,
            }),
          );
          deps.httpRouter.use(setUpGitopsMerge({ ...deps, settings }));
        },
      });
    },
  });
}

/** The plugin that the backend's `backend.add(import(...))` of this package installs. */
export const homelabPlugin = createHomelabBackendPlugin({
  createSources: sourcesFromConfig,
});
