import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { catalogModuleHomelab } from '../module';
import { NAMESPACE_RELATIONS_TASK } from './NamespaceRelationRefresher';

const COMPONENT = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: jellyfin
  annotations:
    backstage.io/kubernetes-namespace: media
spec:
  type: service
  lifecycle: production
  owner: group:default/homelab-admins
`;

const DECLARED_NAMESPACE = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: media-stack
  annotations:
    homelab.dev/kubernetes-name: media
spec:
  type: kubernetes-namespace
  owner: group:default/homelab-admins
  cluster: homelab
  podSecurity: { enforce: baseline, audit: baseline, warn: baseline }
`;

type Replica = Awaited<ReturnType<typeof startReplica>>;
type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/** One portal replica: the real catalog with this module, on the shared database. */
async function startReplica(knex: Knex, folder: string) {
  // Tasks run only when the test triggers them: discovery never runs here.
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
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          homelab: { cluster: 'homelab', catalog: { allowFileLocations: true } },
          // Discovery is configured but never runs here, so the cluster is never asked.
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'homelab',
                    url: 'https://127.0.0.1:1',
                    authProvider: 'serviceAccount',
                    serviceAccountToken: 'unused',
                  },
                ],
              },
            ],
          },
          catalog: {
            // Far beyond the test's waits: only a refresh key re-processes the component.
            processingInterval: { minutes: 30 },
            rules: [{ allow: ['Component', 'Resource', 'Location'] }],
            locations: [
              { type: 'file', target: path.join(folder, 'component.yaml') },
            ],
          },
        },
      }),
    ],
  });
  const get = async (url: string) =>
    request(backend.server)
      .get(url)
      .set('Authorization', mockCredentials.user.header());
  return {
    backend,
    scheduler,
    /** The jellyfin component's dependsOn targets as this replica's API serves them. */
    async dependsOn(): Promise<string[] | undefined> {
      const res = await get(
        '/api/catalog/entities/by-name/component/default/jellyfin',
      );
      if (res.status !== 200) return undefined;
      return ((res.body as Entity).relations ?? [])
        .filter(r => r.type === 'dependsOn')
        .map(r => r.targetRef)
        .sort();
    },
    async hasEntity(ref: string): Promise<boolean> {
      const [kind, rest] = ref.split(':');
      return (
        (await get(`/api/catalog/entities/by-name/${kind}/${rest}`)).status ===
        200
      );
    },
  };
}

async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  between: () => Promise<unknown> = async () => {},
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`gave up waiting for ${what}: ${JSON.stringify(value)}`);
    await between();
    await new Promise(r => setTimeout(r, 200));
  }
}

/**
 * Two replicas of the portal on one database: a component's namespace relation is the
 * same whichever replica processes it, is right before discovery's first pass, and follows
 * a declared namespace as soon as the replicas' namespace task sees it in the catalog.
 */
describe('namespace relations on two replicas sharing a database', () => {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });
  let folder: string;
  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'namespace-relations-'));
    await fs.writeFile(path.join(folder, 'component.yaml'), COMPONENT);
    await fs.writeFile(path.join(folder, 'namespace.yaml'), DECLARED_NAMESPACE);
  });
  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it.each(databases.eachSupportedId())(
    'relate a component to its namespace alike, before discovery and right after a declared one appears (%s)',
    async id => {
      const knex = await databases.init(id);
      const replicas: Replica[] = [];
      try {
        // One after the other, as a rolling start: both run the catalog's migrations.
        replicas.push(await startReplica(knex, folder));
        replicas.push(await startReplica(knex, folder));
        const both = async () =>
          Promise.all(replicas.map(replica => replica.dependsOn()));
        const tick = () =>
          Promise.all(
            replicas.map(r => r.scheduler.triggerTask(NAMESPACE_RELATIONS_TASK)),
          );

        // Discovery has not run: the relation is already the discovered namespace's ref.
        const discovered = ['resource:kubernetes-namespace/media'];
        expect(
          await waitFor('the component on both replicas', both, answers =>
            answers.every(a => a?.length),
          ),
        ).toEqual([discovered, discovered]);

        const created = await request(replicas[0].backend.server)
          .post('/api/catalog/locations')
          .set('Authorization', mockCredentials.user.header())
          .send({ type: 'file', target: path.join(folder, 'namespace.yaml') });
        expect(created.status).toBe(201);
        await waitFor(
          'the declared namespace in the catalog',
          () => replicas[1].hasEntity('resource:default/media-stack'),
          present => present,
        );
        // Nothing re-processes the component until a namespace task runs.
        await new Promise(r => setTimeout(r, 2_000));
        expect(await both()).toEqual([discovered, discovered]);

        // Within the wait's 30 s, far below the 30 min processing interval: the refresh key did it.
        const declared = ['resource:default/media-stack'];
        expect(
          await waitFor(
            'the declared namespace relation',
            both,
            answers =>
              answers.every(a => JSON.stringify(a) === JSON.stringify(declared)),
            tick,
          ),
        ).toEqual([declared, declared]);
      } finally {
        for (const replica of replicas) await replica.backend.stop();
      }
    },
    90_000,
  );
});
