import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ClusterClient,
  KubeNamespace,
  KubeNode,
} from '@internal/plugin-homelab-node';
import { declaredEntities, RecordingConnection } from '../__testUtils__';
import { readDeclaredEntities } from './declared';
import { HomelabEntityProvider } from './HomelabEntityProvider';

/** A cluster called `homelab` whose API lists these nodes and namespaces. */
function fakeCluster(nodes: string[], namespaces: string[]): ClusterClient {
  const meta = (name: string) => ({ metadata: { name } });
  return {
    cluster: { name: 'homelab' },
    listNodes: async () =>
      nodes.map(
        (name): KubeNode => ({
          ...meta(name),
          status: {
            capacity: { cpu: '4', memory: '8Gi' },
            nodeInfo: { architecture: 'amd64' },
          },
        }),
      ),
    listNamespaces: async () => namespaces.map((n): KubeNamespace => meta(n)),
  } as unknown as ClusterClient;
}

async function discover(cluster: ClusterClient, declared: Entity[]) {
  const catalog = catalogServiceMock({ entities: declared });
  const provider = new HomelabEntityProvider({
    cluster,
    readDeclared: () => readDeclaredEntities(catalog, mockServices.auth()),
    logger: mockServices.logger.mock(),
    owner: 'group:default/homelab-admins',
    system: 'homelab',
    modelServer: 'component:default/ollama',
  });
  const connection = new RecordingConnection();
  await provider.connect(connection);
  await provider.refresh();
  const last = connection.mutations.at(-1);
  const entities =
    last?.type === 'full' ? last.entities.map(e => e.entity) : [];
  return { refs: connection.lastRefs(), entities };
}

function resource(
  name: string,
  type: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type, owner: 'group:default/homelab-admins', ...spec },
  };
}

describe('discovered entity names', () => {
  it('a namespace named like a node or the cluster no longer replaces them', async () => {
    const { refs } = await discover(
      fakeCluster(['node-1'], ['node-1', 'homelab', 'media']),
      [],
    );
    expect(refs).toEqual([
      'resource:kubernetes-cluster/homelab',
      'resource:kubernetes-namespace/homelab',
      'resource:kubernetes-namespace/media',
      'resource:kubernetes-namespace/node-1',
      'resource:kubernetes-node/node-1',
    ]);
  });

  it('a namespace named like the declared cluster is still discovered, and belongs to that cluster', async () => {
    const { refs, entities } = await discover(
      fakeCluster(['node-1'], ['homelab']),
      declaredEntities(),
    );
    // The declared cluster and node-1 (manifests/cluster) win; the namespace is new.
    expect(refs).toEqual(['resource:kubernetes-namespace/homelab']);
    expect(entities[0].spec?.cluster).toBe('resource:default/homelab');
  });

  it('a declared entity wins by type and Kubernetes name, whatever it is called', async () => {
    const declared = [
      resource('homelab', 'kubernetes-cluster', {}),
      resource(
        'control-plane',
        'kubernetes-node',
        { cluster: 'homelab' },
        { 'homelab.dev/kubernetes-name': 'node-1' },
      ),
      // Same name as a node, other type: it does not hide the node.
      resource('node-2', 'kubernetes-namespace', { cluster: 'homelab' }),
    ];
    const { refs } = await discover(
      fakeCluster(['node-1', 'node-2'], []),
      declared,
    );
    expect(refs).toEqual(['resource:kubernetes-node/node-2']);
  });
});

describe('discovery settings', () => {
  it('turns discovery off with one warning when homelab.cluster and homelab.ollama.baseUrl are missing', () => {
    const logger = mockServices.logger.mock();
    const provider = HomelabEntityProvider.fromConfig(
      new ConfigReader({ homelab: {} }),
      { logger, catalog: catalogServiceMock(), auth: mockServices.auth() },
    );
    expect(provider).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /^Discovery is off: homelab\.cluster and homelab\.ollama\.baseUrl are not set/,
    );
  });

  it('discovers the cluster alone, with one warning, when homelab.ollama.baseUrl is missing', async () => {
    const logger = mockServices.logger.mock();
    const provider = HomelabEntityProvider.fromConfig(
      new ConfigReader({
        homelab: { cluster: 'homelab' },
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'homelab',
                  url: 'https://127.0.0.1:1',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'x',
                },
              ],
            },
          ],
        },
      }),
      { logger, catalog: catalogServiceMock(), auth: mockServices.auth() },
    );
    expect(provider).toBeDefined();
    expect(logger.warn.mock.calls.map(call => call[0])).toEqual([
      'Discovery of Ollama models is off: homelab.ollama.baseUrl is not set; set it to discover them',
    ]);
  });
});
