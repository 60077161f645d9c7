import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ANNOTATION_ORIGIN_LOCATION, Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import request from 'supertest';
import { catalogModuleHomelab } from './module';
import { REPO_ROOT, simConfigData } from './__testUtils__';
import { DISCOVERY_LOCATION_TYPE } from './provider/entities';

const DISCOVERY_TASK = 'homelab-discovery:refresh';

/**
 * The real catalog backend with this module, the repository's catalog-info.yaml and the
 * stand-in cluster: what is declared in files and what discovery finds must end up as
 * one entity each, the declared one winning whichever the catalog saw first.
 */
describe('catalogModuleHomelab in the real catalog', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    sim = (await startTestSim()).sim;
  });
  afterAll(() => sim.close());

  it('keeps declared Resources from their files and adds the rest from discovery, once each', async () => {
    const scheduler = mockServices.scheduler();
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleHomelab,
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        mockServices.rootConfig.factory({
          data: {
            ...simConfigData(sim),
            catalog: {
              // As app-config.yaml: a kind refused here fails its whole Location.
              rules: [
                {
                  allow: ['Component', 'System', 'Resource', 'Location'],
                },
                { allow: ['Group', 'User', 'Template'] },
              ],
              locations: [
                {
                  type: 'file',
                  target: path.join(REPO_ROOT, 'catalog-info.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });
    const resources = async (): Promise<Entity[]> =>
      (
        await request(backend.server)
          .get('/api/catalog/entities?filter=kind=resource')
          .set('Authorization', mockCredentials.user.header())
          .expect(200)
      ).body;
    const origin = (entities: Entity[], name: string) =>
      entities.find(e => e.metadata.name === name)?.metadata.annotations?.[
        ANNOTATION_ORIGIN_LOCATION
      ];
    const waitFor = async (check: (entities: Entity[]) => boolean) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const entities = await resources();
        if (check(entities)) return entities;
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error(
        `gave up waiting; the catalog holds ${(await resources())
          .map(e => `${e.metadata.name} (${origin([e], e.metadata.name)})`)
          .join(', ')}`,
      );
    };

    // Discovery may run before the catalog has read the files and claim the declared ones too.
    await scheduler.triggerTask(DISCOVERY_TASK);
    const fromFile = (e: Entity[], name: string) =>
      e.some(x => origin([x], name)?.startsWith('file:'));
    const unique = (e: Entity[]) =>
      e.length === new Set(e.map(x => x.metadata.name)).size;
    await waitFor(
      e =>
        origin(e, 'kube-system')?.startsWith(DISCOVERY_LOCATION_TYPE) ===
          true && fromFile(e, 'ai'),
    );
    // The next pass sees the declared ones in the catalog and leaves them out.
    await scheduler.triggerTask(DISCOVERY_TASK);
    const entities = await waitFor(e => fromFile(e, 'karakeep') && unique(e));

    const namespaces = entities.filter(
      e => e.spec?.type === 'kubernetes-namespace',
    );
    expect(
      namespaces.map(e => [
        `${e.metadata.namespace}/${e.metadata.name}`,
        origin([e], e.metadata.name)?.split(':')[0],
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['default/ai', 'file'],
        ['default/karakeep', 'file'],
        ['kubernetes-namespace/default', DISCOVERY_LOCATION_TYPE],
        ['kubernetes-namespace/kube-system', DISCOVERY_LOCATION_TYPE],
      ]),
    );
    const names = entities.map(e => e.metadata.name);
    expect(names.length).toBe(new Set(names).size);
    for (const node of ['node-1', 'node-2', 'node-3']) {
      expect(origin(entities, node)).toMatch(/^file:/);
    }
    await backend.stop();
  }, 60_000);
});
