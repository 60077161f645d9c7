import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogLocationsExtensionPoint,
  CatalogProcessingExtensionPoint,
  catalogProcessingExtensionPoint,
  CatalogProcessor,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import type { JsonObject } from '@backstage/types';
import { catalogModuleHomelab } from './module';
import { CutoverAnnotationProcessor } from './cutover/CutoverAnnotationProcessor';
import { HomelabEntityProcessor } from './processor/HomelabEntityProcessor';
import {
  declaredEntities,
  RecordingConnection,
  simConfigData,
} from './__testUtils__';

async function startModule(
  data: JsonObject,
  logger = mockServices.logger.mock(),
) {
  const processors: CatalogProcessor[] = [];
  const providers: EntityProvider[] = [];
  const processing: CatalogProcessingExtensionPoint = {
    addProcessor: (...added) => processors.push(...added.flat()),
    addEntityProvider: (...added) => providers.push(...added.flat()),
    addPlaceholderResolver: () => {},
    setOnProcessingErrorHandler: () => {},
  };
  const allowedLocationTypes: string[][] = [];
  const locations = {
    setAllowedLocationTypes: (types: string[]) =>
      allowedLocationTypes.push(types),
  };
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    extensionPoints: [
      [catalogProcessingExtensionPoint, processing],
      [catalogLocationsExtensionPoint, locations],
    ],
    features: [
      catalogModuleHomelab,
      mockServices.rootConfig.factory({ data }),
      logger.factory,
      scheduler.factory,
      catalogServiceMock.factory({ entities: declaredEntities() }),
    ],
  });
  return { backend, processors, providers, scheduler, allowedLocationTypes };
}

function scheduledTask(
  scheduler: ReturnType<typeof mockServices.scheduler.mock>,
  id: string,
) {
  const task = scheduler.scheduleTask.mock.calls
    .map(([t]) => t)
    .find(t => t.id === id);
  if (!task) throw new Error(`no task ${id} was scheduled`);
  return task;
}

describe('catalogModuleHomelab', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    sim = (await startTestSim()).sim;
  });
  afterAll(() => sim.close());

  it('adds the processor and a provider whose scheduled task applies what it discovers', async () => {
    const { backend, processors, providers, scheduler } = await startModule(
      simConfigData(sim, {
        discovery: {
          schedule: { frequency: { seconds: 5 }, timeout: { seconds: 4 } },
        },
      }),
    );
    expect(processors).toEqual([
      expect.any(HomelabEntityProcessor),
      expect.any(CutoverAnnotationProcessor),
    ]);
    expect(providers.map(p => p.getProviderName())).toEqual([
      'homelab-namespace-relations',
      'homelab-discovery',
    ]);
    const task = scheduledTask(scheduler, 'homelab-discovery:refresh');
    expect(task).toMatchObject({
      frequency: { seconds: 5 },
      timeout: { seconds: 4 },
    });

    const connection = new RecordingConnection();
    await providers[1].connect(connection);
    await task.fn(new AbortController().signal);
    expect(connection.lastRefs()).toEqual([
      'resource:kubernetes-namespace/default',
      'resource:kubernetes-namespace/kube-node-lease',
      'resource:kubernetes-namespace/kube-public',
      'resource:kubernetes-namespace/kube-system',
    ]);
    await backend.stop();
  });

  it('reads the declared namespaces every 5 seconds on each replica', async () => {
    const { backend, scheduler } = await startModule(simConfigData(sim));
    expect(
      scheduledTask(scheduler, 'homelab-namespace-relations:refresh'),
    ).toMatchObject({
      scope: 'local',
      frequency: { seconds: 5 },
      timeout: { seconds: 4 },
    });
    await backend.stop();
  });

  it('discovers every 60 seconds unless homelab.discovery.schedule says otherwise', async () => {
    const { backend, scheduler } = await startModule(simConfigData(sim));
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        frequency: { seconds: 60 },
        timeout: { seconds: 50 },
      }),
    );
    await backend.stop();
  });

  it('lets the API register file locations only when homelab.catalog.allowFileLocations is on', async () => {
    const off = await startModule(simConfigData(sim));
    expect(off.allowedLocationTypes).toEqual([]);
    await off.backend.stop();
    const on = await startModule(
      simConfigData(sim, { catalog: { allowFileLocations: true } }),
    );
    expect(on.allowedLocationTypes).toEqual([['url', 'file']]);
    await on.backend.stop();
  });

  it('starts without discovery, and says so once, when homelab.cluster and homelab.ollama.baseUrl are missing', async () => {
    const logger = mockServices.logger.mock();
    const { backend, processors, providers, scheduler } = await startModule(
      {},
      logger,
    );
    expect(processors).toEqual([
      expect.any(HomelabEntityProcessor),
      expect.any(CutoverAnnotationProcessor),
    ]);
    // Declared namespaces still get their components' relations.
    expect(providers.map(p => p.getProviderName())).toEqual([
      'homelab-namespace-relations',
    ]);
    expect(scheduler.scheduleTask.mock.calls.map(([task]) => task.id)).toEqual([
      'homelab-namespace-relations:refresh',
    ]);
    const warnings = logger.warn.mock.calls.map(call => call[0]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Discovery is off: homelab\.cluster and homelab\.ollama\.baseUrl are not set/,
      ),
    ]);
    await backend.stop();
  });

  it('discovers the models alone when only homelab.cluster is missing', async () => {
    const logger = mockServices.logger.mock();
    const { backend, providers, scheduler } = await startModule(
      { homelab: { ollama: { baseUrl: sim.ollamaUrl } } },
      logger,
    );
    expect(logger.warn.mock.calls.map(call => call[0])).toEqual([
      expect.stringMatching(/homelab\.cluster is not set/),
    ]);
    const connection = new RecordingConnection();
    await providers[1].connect(connection);
    await scheduledTask(scheduler, 'homelab-discovery:refresh').fn(
      new AbortController().signal,
    );
    // The repository declares all three models, so nothing is left to add.
    expect(connection.lastRefs()).toEqual([]);
    await backend.stop();
  });
});
