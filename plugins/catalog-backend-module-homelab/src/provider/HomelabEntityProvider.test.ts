import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import { ClusterClient, OllamaClient } from '@internal/plugin-homelab-node';
import { HomelabEntityProcessor } from '../processor/HomelabEntityProcessor';
import {
  declaredEntities,
  RecordingConnection,
  simConfig,
} from '../__testUtils__';
import { readDeclaredEntities } from './declared';
import { HomelabEntityProvider } from './HomelabEntityProvider';

const DISCOVERED_NAMESPACES = [
  'resource:kubernetes-namespace/default',
  'resource:kubernetes-namespace/kube-node-lease',
  'resource:kubernetes-namespace/kube-public',
  'resource:kubernetes-namespace/kube-system',
];

/** The one warning of an outage: what is down, why, and that its entities stay. */
function unreachable(what: string, kept: number): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${escape(
      what,
    )} \\(.+\\); the catalog keeps the ${kept} entities discovered there until it answers again$`,
  );
}

function startSim() {
  return startTestSim().then(started => started.sim);
}

function setup(sim: HomelabSim, declared: Entity[] = declaredEntities()) {
  const config = simConfig(sim);
  const logger = mockServices.logger.mock();
  const catalog = catalogServiceMock({ entities: declared });
  const provider = new HomelabEntityProvider({
    cluster: ClusterClient.fromConfig(config),
    ollama: OllamaClient.fromConfig(config),
    readDeclared: () => readDeclaredEntities(catalog, mockServices.auth()),
    logger,
    owner: 'group:default/homelab-admins',
    system: 'homelab',
    modelServer: 'component:default/ollama',
  });
  const connection = new RecordingConnection();
  provider.connect(connection);
  return { provider, connection, logger, catalog };
}

function entity(
  connection: RecordingConnection,
  name: string,
): Entity | undefined {
  const last = connection.mutations.at(-1);
  return last?.type === 'full'
    ? last.entities.find(e => e.entity.metadata.name === name)?.entity
    : undefined;
}

describe('HomelabEntityProvider against the stand-in', () => {
  let sim: HomelabSim;
  beforeEach(async () => {
    sim = await startSim();
  });
  afterEach(() => sim.close());

  it('discovers the cluster, nodes, namespaces and models as valid, annotated Resources', async () => {
    const { provider, connection } = setup(sim, []);
    await provider.refresh();

    expect(connection.lastRefs()).toEqual(
      [
        'resource:kubernetes-cluster/homelab',
        'resource:kubernetes-node/node-1',
        'resource:kubernetes-node/node-2',
        'resource:kubernetes-node/node-3',
        'resource:kubernetes-namespace/ai',
        'resource:kubernetes-namespace/karakeep',
        ...DISCOVERED_NAMESPACES,
        'resource:default/qwen3-1.7b',
        'resource:default/moondream',
        'resource:default/gemma3-1b',
      ].sort(),
    );
    expect(entity(connection, 'node-1')).toMatchObject({
      metadata: {
        namespace: 'kubernetes-node',
        annotations: {
          'homelab.dev/discovered': 'kubernetes',
          'homelab.dev/kubernetes-name': 'node-1',
        },
      },
      spec: {
        type: 'kubernetes-node',
        owner: 'group:default/homelab-admins',
        system: 'homelab',
        cluster: 'resource:kubernetes-cluster/homelab',
        threads: 12,
        memory: '16Gi',
        arch: 'amd64',
        roles: ['control-plane', 'master'],
      },
    });
    expect(entity(connection, 'ai')?.spec?.podSecurity).toEqual({
      enforce: 'baseline',
      audit: 'privileged',
      warn: 'privileged',
    });
    expect(entity(connection, 'qwen3-1.7b')).toMatchObject({
      metadata: {
        title: 'qwen3:1.7b',
        annotations: {
          'homelab.dev/ollama-model': 'qwen3:1.7b',
          'homelab.dev/discovered': 'ollama',
        },
      },
      spec: {
        type: 'ai-model',
        family: 'qwen3',
        parameterSize: '2.0B',
        quantization: 'Q4_K_M',
        diskSize: '1.4GB',
        capabilities: ['text'],
        servedBy: 'component:default/ollama',
      },
    });
    expect(entity(connection, 'moondream')?.spec?.capabilities).toEqual([
      'vision',
    ]);

    const last = connection.mutations.at(-1)!;
    const errors: string[] = [];
    for (const { entity: e } of last.type === 'full' ? last.entities : []) {
      await new HomelabEntityProcessor().postProcessEntity(
        e,
        { type: 'url', target: 'x' },
        (r: CatalogProcessorResult) =>
          r.type === 'error' && errors.push(r.error.message),
      );
    }
    expect(errors).toEqual([]);
  });

  it('leaves out what the repository declares, matching models by their Ollama tag', async () => {
    const declared = declaredEntities();
    // The declared moondream says `moondream`; Ollama reports `moondream:latest`.
    const renamed = declared.map(e =>
      e.metadata.name === 'moondream'
        ? { ...e, metadata: { ...e.metadata, name: 'moondream-vision' } }
        : e,
    );
    const { provider, connection } = setup(sim, renamed);
    await provider.refresh();
    expect(connection.lastRefs()).toEqual(DISCOVERED_NAMESPACES);
    // What is left belongs to the declared cluster, not to a discovered twin.
    expect(entity(connection, 'kube-system')?.spec?.cluster).toBe(
      'resource:default/homelab',
    );
  });

  it('drops a discovered namespace once the declared one appears, without reading the cluster again', async () => {
    // Right after a start, discovery can run before the catalog has processed the locations.
    let declared: Entity[] = [];
    const config = simConfig(sim);
    const connection = new RecordingConnection();
    const provider = new HomelabEntityProvider({
      cluster: ClusterClient.fromConfig(config),
      ollama: OllamaClient.fromConfig(config),
      readDeclared: () =>
        readDeclaredEntities(
          catalogServiceMock({ entities: declared }),
          mockServices.auth(),
        ),
      logger: mockServices.logger.mock(),
      owner: 'group:default/homelab-admins',
      system: 'homelab',
      modelServer: 'component:default/ollama',
    });
    await provider.connect(connection);
    await provider.refresh();
    expect(connection.lastRefs()).toContain(
      'resource:kubernetes-namespace/karakeep',
    );
    const total = () =>
      Object.values(sim.requestCounts()).reduce((n, c) => n + c, 0);
    const requestsBefore = total();

    declared = declaredEntities();
    await provider.dropReplacedByDeclared();
    const removal = connection.mutations.at(-1);
    expect(removal?.type).toBe('delta');
    const removed =
      removal?.type === 'delta'
        ? removal.removed.map(r =>
            'entity' in r ? stringifyEntityRef(r.entity) : r.entityRef,
          )
        : [];
    expect(removed).toContain('resource:kubernetes-namespace/karakeep');
    expect(removed).not.toContain('resource:kubernetes-namespace/kube-system');
    expect(total()).toBe(requestsBefore);

    // Nothing more to drop: no second mutation.
    const count = connection.mutations.length;
    await provider.dropReplacedByDeclared();
    expect(connection.mutations).toHaveLength(count);
  });

  it('adds a node and a model that appear and removes them when they disappear', async () => {
    const { provider, connection } = setup(sim);
    await provider.refresh();
    expect(connection.lastRefs()).toEqual(DISCOVERED_NAMESPACES);

    await sim.setScenario({
      name: 'grown',
      extends: 'fast',
      nodes: [
        { name: 'node-1', roles: ['control-plane'], cpu: 12, memory: '16Gi' },
        { name: 'node-2', cpu: 12, memory: '16Gi' },
        { name: 'node-3', cpu: 12, memory: '16Gi' },
        { name: 'node-4', cpu: 8, memory: '32Gi' },
      ],
      ollama: {
        models: [
          {
            name: 'qwen3:1.7b',
            size: 1359293444,
            family: 'qwen3',
            parameterSize: '2.0B',
            quantization: 'Q4_K_M',
          },
          {
            name: 'llama3.2:1b',
            size: 1321098329,
            family: 'llama',
            parameterSize: '1.2B',
            quantization: 'Q8_0',
          },
        ],
      },
    });
    await provider.refresh();
    expect(connection.lastRefs()).toEqual(
      [
        ...DISCOVERED_NAMESPACES,
        'resource:default/llama3.2-1b',
        'resource:kubernetes-node/node-4',
      ].sort(),
    );
    expect(entity(connection, 'node-4')?.spec).toMatchObject({
      threads: 8,
      memory: '32Gi',
      roles: ['worker'],
    });
    expect(
      entity(connection, 'llama3.2-1b')?.metadata.annotations?.[
        'homelab.dev/ollama-model'
      ],
    ).toBe('llama3.2:1b');

    await sim.setScenario('fast');
    await provider.refresh();
    expect(connection.lastRefs()).toEqual(DISCOVERED_NAMESPACES);
  });

  it('keeps the models while Ollama is down and warns once per outage', async () => {
    const { provider, connection, logger } = setup(sim, []);
    await provider.refresh();
    const before = connection.lastRefs();

    await sim.setScenario('ollama-down');
    for (let i = 0; i < 3; i++) await provider.refresh();
    expect(connection.lastRefs()).toEqual(before);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    // "connection refused", or a reset when a pooled connection was open.
    expect(logger.warn.mock.calls[0][0]).toMatch(
      unreachable(`Ollama is unreachable at ${sim.ollamaUrl}`, 3),
    );

    await sim.setScenario('fast');
    await provider.refresh();
    expect(logger.info).toHaveBeenCalledWith(
      `Ollama at ${sim.ollamaUrl} answers again; discovery resumed`,
    );
    await sim.setScenario('ollama-down');
    await provider.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('applies nothing while a source has never answered, so a restart during an outage empties nothing', async () => {
    await sim.setScenario('ollama-down');
    const { provider, connection, logger } = setup(sim);
    await provider.refresh();
    await provider.refresh();
    expect(connection.mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /discovered entities are not updated until it answers$/,
    );
  });

  it('keeps everything when the cluster and Ollama stop answering', async () => {
    const { provider, connection, logger } = setup(sim, []);
    await provider.refresh();
    const before = connection.lastRefs();
    await sim.close();

    await provider.refresh();
    await provider.refresh();
    expect(connection.lastRefs()).toEqual(before);
    const warnings = logger.warn.mock.calls.map(call => call[0]);
    expect(warnings).toEqual([
      expect.stringMatching(
        unreachable(
          `Kubernetes cluster homelab is unreachable at ${sim.kubeUrl}`,
          10,
        ),
      ),
      expect.stringMatching(
        unreachable(`Ollama is unreachable at ${sim.ollamaUrl}`, 3),
      ),
    ]);
    sim = await startSim(); // for afterEach
  });

  it('pauses when the catalog cannot say what is declared', async () => {
    const { provider, connection, logger, catalog } = setup(sim);
    jest
      .spyOn(catalog, 'getEntities')
      .mockRejectedValue(new Error('catalog is starting'));
    await provider.refresh();
    await provider.refresh();
    expect(connection.mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read the declared entities from the catalog (catalog is starting)',
      ),
    );
  });
});
