import { join, resolve } from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { type HomelabSim, startTestSim } from '@internal/homelab-sim';
import request from 'supertest';
import { CUTOVER_TASK_ID } from '../cutover/scheduleCutoverChecks';
import homelabPlugin from '../index';
import { SNAPSHOT_TASK_ID } from '../snapshot/scheduleClusterSnapshot';
import { simConfigData } from '../__testUtils__/simConfig';

const REPO = resolve(__dirname, '../../../..');

// A cutover in progress: the first item is ticked, so the runner checks it on its schedule.
const PLAN = `# Phase 4.24: Karakeep

> **Status:** In Progress

### 4.24.5 Cutover

- [x] Volume bound <!-- check: pvc namespace=karakeep name=karakeep-data -->
- [ ] Pods up <!-- check: deployment namespace=karakeep name=karakeep -->
- [ ] Model pulled <!-- check: ollama-model model=qwen3:1.7b -->
- [ ] Tell the family
`;

const dir = createMockDirectory();

const karakeep: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'karakeep',
    namespace: 'default',
    annotations: {
      'homelab.dev/phase-plan': 'plans/karakeep.md',
      'backstage.io/managed-by-location': `file:${join(
        dir.path,
        'catalog-info.yaml',
      )}`,
      'backstage.io/kubernetes-namespace': 'karakeep',
      'homelab.dev/cutover-runbook':
        'component:default/homelab-docs#runbooks/karakeep-cutover',
    },
  },
  spec: { type: 'service' },
  relations: [{ type: 'dependsOn', targetRef: 'component:default/ollama' }],
};
const ollama: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ollama', namespace: 'default' },
  spec: { type: 'model-server' },
};

const ADMIN = 'user:default/admin';
const GUEST = 'user:default/guest';
const PLAN_ID = 'plans~karakeep';

/** A catalog that shows karakeep only to the admin, as a permission policy would. */
function visibleTo(credentials: any): Entity[] {
  const user = credentials?.principal?.userEntityRef;
  const service = credentials?.principal?.type === 'service';
  return user === ADMIN || service ? [karakeep, ollama] : [ollama];
}
const ref = (e: Entity) =>
  `${e.kind.toLowerCase()}:${e.metadata.namespace}/${e.metadata.name}`;
const catalog = {
  getEntities: async (_req: unknown, { credentials }: any) => ({
    items: visibleTo(credentials).filter(
      e => e.metadata.annotations?.['homelab.dev/phase-plan'],
    ),
  }),
  getEntitiesByRefs: async (req: any, { credentials }: any) => ({
    items: req.entityRefs.map(
      (r: string) => visibleTo(credentials).find(e => ref(e) === r) ?? null,
    ),
  }),
};

describe('cutover routes', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    sim = (
      await startTestSim({
        scenario: 'cutover',
        manifestsDir: join(REPO, 'manifests'),
      })
    ).sim;
  });
  afterAll(() => sim.close());
  const backends: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(backends.splice(0).map(b => b.stop()));
  });

  /** `minGap`: how soon the runner may check again (the default 5 s in the tests that need no second look). */
  async function start(minGap: object | string = '5s') {
    dir.setContent({
      plans: {
        'karakeep.md': PLAN,
        // A folder plan with a cutover section that no entity points at: nobody's cutover.
        'orphan.md': PLAN.replace('Karakeep', 'Orphan'),
      },
    });
    sim.setStep('applied');
    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      features: [
        homelabPlugin,
        mockServices.rootConfig.factory({
          data: simConfigData(sim, {
            repositoryRoot: dir.path,
            phases: { folders: ['plans'] },
            cutover: { interval: '15s', minGap },
          }),
        }),
        scheduler.factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog as any,
        }),
      ],
    });
    backends.push(backend);
    const run = async (id: string) => {
      const task = scheduler.scheduleTask.mock.calls
        .map(([t]) => t)
        .find(t => t.id === id)!;
      await task.fn(new AbortController().signal);
    };
    const as = (user: string) => mockCredentials.user.header(user);
    return { server: backend.server, run, as };
  }

  it('refuses requests without credentials', async () => {
    const { server } = await start();
    const none = mockCredentials.none.header();
    for (const [method, path] of [
      ['get', '/cutover'],
      ['get', `/cutover/${PLAN_ID}`],
      ['post', `/cutover/${PLAN_ID}/check`],
    ] as const) {
      const res = await request(server)
        [method](`/api/homelab${path}`)
        .set('Authorization', none);
      expect(res.status).toBe(401);
    }
  });

  it('says which plan ids are valid on a bad one', async () => {
    const { server, as } = await start();
    const res = await request(server)
      .get('/api/homelab/cutover/Not%20A%20Plan')
      .set('Authorization', as(ADMIN));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid path parameter planId: planId must be a plan id from GET /cutover, e.g. docs~phases~phase-4.24-karakeep',
    );
  });

  it('shows a plan only to callers who see one of its entities; to others it does not exist', async () => {
    const { server, as } = await start();
    const admin = await request(server)
      .get('/api/homelab/cutover')
      .set('Authorization', as(ADMIN))
      .expect(200);
    expect(admin.body.cutovers).toEqual([
      expect.objectContaining({
        planId: PLAN_ID,
        file: 'plans/karakeep.md',
        sectionTitle: '4.24.5 Cutover',
        entityRefs: ['component:default/karakeep'],
        inProgress: true,
        tasks: { done: 1, total: 4 },
      }),
    ]);
    const guest = await request(server)
      .get('/api/homelab/cutover')
      .set('Authorization', as(GUEST))
      .expect(200);
    expect(guest.body).toEqual({ cutovers: [] });
    for (const [method, path] of [
      ['get', `/cutover/${PLAN_ID}`],
      ['post', `/cutover/${PLAN_ID}/check`],
    ] as const) {
      const res = await request(server)
        [method](`/api/homelab${path}`)
        .set('Authorization', as(GUEST));
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/^No cutover for plan id/);
    }
  });

  it('shows failing checks, the ticked item that fails, then passing checks as the scenario advances', async () => {
    const { server, run, as } = await start({ milliseconds: 100 });
    await run(SNAPSHOT_TASK_ID);
    await run(CUTOVER_TASK_ID);
    const first = await request(server)
      .get(`/api/homelab/cutover/${PLAN_ID}`)
      .set('Authorization', as(ADMIN))
      .expect(200);
    const { body } = first;
    expect(
      body.items.map((i: any) => [i.text, i.status, i.disagreement]),
    ).toEqual([
      ['Volume bound', 'fail', 'ticked-but-failing'],
      ['Pods up', 'fail', undefined],
      ['Model pulled', 'fail', undefined],
      ['Tell the family', undefined, undefined],
    ]);
    expect(body.items[0].results[0]).toMatchObject({
      kind: 'pvc',
      description: 'PVC karakeep-data in karakeep is Bound',
      evidence: 'PVC karakeep-data Pending (longhorn)',
    });
    expect(body).toMatchObject({
      checks: { pass: 0, fail: 3, unknown: 0 },
      disagreements: 1,
      runbook: {
        entityRef: 'component:default/homelab-docs',
        path: 'runbooks/karakeep-cutover',
      },
      ollamaConsumer: true,
      intervalSeconds: 15,
    });
    expect(body.nextCheckAt).toBeDefined();
    expect(body.pods.length).toBeGreaterThan(0);
    expect(body.pods.every((p: any) => p.namespace === 'karakeep')).toBe(true);
    // Step "applied": none of the three Deployments has a ready pod yet.
    expect(body.pods.map((p: any) => [p.healthy, p.ready[0]])).toEqual(
      body.pods.map(() => [false, '0']),
    );

    sim.setStep('ready');
    await new Promise(r => setTimeout(r, 150));
    await run(SNAPSHOT_TASK_ID);
    await run(CUTOVER_TASK_ID);
    const later = await request(server)
      .get(`/api/homelab/cutover/${PLAN_ID}`)
      .set('Authorization', as(ADMIN))
      .expect(200);
    expect(later.body.items.map((i: any) => i.status)).toEqual([
      'pass',
      'pass',
      'pass',
      undefined,
    ]);
    expect(
      later.body.items.map((i: any) => i.disagreement).filter(Boolean),
    ).toEqual(['open-but-passing', 'open-but-passing']);
    expect(later.body.pods.every((p: any) => p.healthy)).toBe(true);
  });

  it('gives 20 viewers asking for a check at once one evaluation of the cluster and Ollama', async () => {
    const { server, as } = await start();
    const before = sim.requestCounts();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server)
          .post(`/api/homelab/cutover/${PLAN_ID}/check`)
          .set('Authorization', as(ADMIN)),
      ),
    );
    expect(answers.every(a => a.status === 200)).toBe(true);
    expect(new Set(answers.map(a => a.body.checkedAt)).size).toBe(1);
    const after = sim.requestCounts();
    const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    expect(
      delta(
        'kube GET /api/v1/namespaces/karakeep/persistentvolumeclaims/karakeep-data',
      ),
    ).toBe(1);
    expect(
      delta('kube GET /apis/apps/v1/namespaces/karakeep/deployments/karakeep'),
    ).toBe(1);
    expect(delta('ollama GET /api/tags')).toBe(1);
  });
});
