import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { type HomelabSim, startTestSim } from '@internal/homelab-sim';
import type { HomeSummary } from '@internal/plugin-homelab-common';
import request from 'supertest';
import homelabPlugin from '../index';
import { TASK_IDS } from '../ollama/scheduleOllamaTasks';
import { SNAPSHOT_TASK_ID } from '../snapshot';
import { simConfigData } from '../__testUtils__/simConfig';
import { HOME_TASK_ID } from './HomeSummaryService';

const REPO = resolve(__dirname, '../../../..');

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'ollama',
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': 'ai',
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/name=ollama',
      },
    },
    spec: { type: 'model-server', owner: 'group:default/admins' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'karakeep',
      namespace: 'default',
      annotations: {
        'homelab.dev/phase-plan': 'docs/phases/phase-4.24-karakeep.md',
        'backstage.io/managed-by-location': `file:${REPO}/manifests/karakeep/catalog-info.yaml`,
      },
    },
    spec: { type: 'service', owner: 'group:default/admins' },
  },
];

describe('GET /api/homelab/home against the stand-in', () => {
  let sim: HomelabSim;
  beforeEach(async () => {
    sim = (
      await startTestSim({
        scenario: 'failures',
        manifestsDir: resolve(REPO, 'manifests'),
      })
    ).sim;
  });
  afterEach(async () => sim.close());

  it('needs credentials, and answers the shared summary of the cluster, the plans and Ollama', async () => {
    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      features: [
        homelabPlugin,
        mockServices.rootConfig.factory({
          data: simConfigData(sim, { repositoryRoot: REPO }),
        }),
        scheduler.factory,
        catalogServiceMock.factory({ entities: ENTITIES }),
      ],
    });
    try {
      const run = async (id: string) => {
        const task = scheduler.scheduleTask.mock.calls
          .map(([t]) => t)
          .find(t => t.id === id);
        await task!.fn(new AbortController().signal);
      };
      await request(backend.server)
        .get('/api/homelab/home')
        .set('Authorization', mockCredentials.none.header())
        .expect(401);

      await run(SNAPSHOT_TASK_ID);
      await run(TASK_IDS.sampler);
      await run(HOME_TASK_ID);
      const res = await request(backend.server)
        .get('/api/homelab/home')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      const summary = res.body as HomeSummary;

      const { cluster, migration, ollama } = summary;
      expect(cluster.stale).toBe(false);
      expect(cluster.data!.nodes.map(n => n.name)).toEqual([
        'node-1',
        'node-2',
        'node-3',
      ]);
      const crashing = cluster.data!.problems.find(p => p.namespace === 'ai');
      expect(crashing).toMatchObject({
        reason: 'CrashLoopBackOff: OOMKilled',
        restarts: 7,
        entityRef: 'component:default/ollama',
      });
      expect(
        cluster.data!.problems.find(p =>
          p.name.startsWith('karakeep-meilisearch-'),
        )?.reason,
      ).toMatch(/^Pending: 0\/3 nodes are available: 3 Insufficient memory\.$/);

      expect(migration.data!.inProgress).toContainEqual(
        expect.objectContaining({
          phaseId: '4.24.1',
          title: 'Phase 4.24: Karakeep Migration: 4.24.1 Research',
          entityRefs: ['component:default/karakeep'],
        }),
      );
      // The failure scenario has Ollama crash-looping: it does not answer.
      expect(ollama.data).toMatchObject({
        up: false,
        entityRef: 'component:default/ollama',
      });
    } finally {
      await backend.stop();
    }
  });
});
