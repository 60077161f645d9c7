import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  OllamaStatus,
  PhasePlanList,
  PhasePlanSummary,
} from '@internal/plugin-homelab-common';
import type { KubeNode, KubePod } from '@internal/plugin-homelab-node';
import type { ClusterReading, ClusterSnapshot } from '../snapshot/types';
import { HomeSummaryService } from './HomeSummaryService';

const entity = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { owner: 'group:default/admins', ...spec },
});

const ENTITIES = [
  entity('Resource', 'node-1', { type: 'kubernetes-node' }),
  entity('Resource', 'karakeep', { type: 'kubernetes-namespace' }),
  entity('Resource', 'vault', { type: 'kubernetes-namespace' }),
  entity(
    'Component',
    'karakeep',
    { type: 'service' },
    {
      'backstage.io/kubernetes-namespace': 'karakeep',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=karakeep',
    },
  ),
  entity(
    'Component',
    'vault-app',
    { type: 'service' },
    {
      'backstage.io/kubernetes-namespace': 'vault',
    },
  ),
  entity('Component', 'ollama', { type: 'model-server' }),
];

/** Alice may not see anything of the vault namespace; everyone else sees everything. */
const hiddenFromAlice = new Set([
  'resource:default/vault',
  'component:default/vault-app',
]);
function catalogFor(entities: Entity[]): CatalogService {
  const seen = (credentials: BackstageCredentials) => {
    const alice =
      credentials.principal &&
      (credentials.principal as { userEntityRef?: string }).userEntityRef ===
        'user:default/alice';
    return catalogServiceMock({
      entities: entities.filter(
        e =>
          !alice ||
          !hiddenFromAlice.has(
            `${e.kind}:default/${e.metadata.name}`.toLowerCase(),
          ),
      ),
    });
  };
  return {
    getEntities: (req: any, opts: any) =>
      seen(opts.credentials).getEntities(req, opts),
    getEntitiesByRefs: (req: any, opts: any) =>
      seen(opts.credentials).getEntitiesByRefs(req, opts),
  } as unknown as CatalogService;
}

const node = (name: string): KubeNode => ({
  metadata: { name },
  status: {
    allocatable: { cpu: '4', memory: '16Gi' },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});
const pod = (
  namespace: string,
  name: string,
  app: string,
  status: KubePod['status'],
  requests = { cpu: '500m', memory: '1Gi' },
): KubePod => ({
  metadata: { name, namespace, labels: { 'app.kubernetes.io/name': app } },
  spec: {
    nodeName: 'node-1',
    containers: [{ name: app, resources: { requests } }],
  },
  status,
});
const ready = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
};
const crashLoop = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'False' }],
  containerStatuses: [
    {
      name: 'karakeep',
      ready: false,
      restartCount: 7,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
    },
  ],
};
const pending = {
  phase: 'Pending',
  conditions: [
    {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: '0/1 nodes are available: 1 Insufficient memory.',
    },
  ],
};

const reading = (): ClusterReading => ({
  readAt: new Date(1_000_000),
  nodes: [node('node-1')],
  pods: [
    pod('karakeep', 'karakeep-abc', 'karakeep', crashLoop),
    pod('vault', 'vault-0', 'vault', pending),
    pod('kube-system', 'coredns-1', 'coredns', {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'coredns',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ImagePullBackOff' } },
        },
      ],
    }),
    pod('ai', 'ollama-0', 'ollama', ready, { cpu: '1', memory: '6Gi' }),
    // Finished: not counted by kubectl describe node, and no problem.
    pod(
      'karakeep',
      'backup-1',
      'backup',
      { phase: 'Succeeded' },
      { cpu: '2', memory: '4Gi' },
    ),
  ],
});

const plan = (
  id: string,
  status: string,
  entityRefs: string[],
  extra: Partial<PhasePlanSummary> = {},
): PhasePlanSummary =>
  ({
    id,
    file: `docs/phases/${id}.md`,
    title: `Plan ${id}`,
    status,
    statusSource: 'declared',
    tasks: { done: 2, open: 3 },
    prerequisites: [],
    drift: [],
    entityRefs,
    phases: [],
    ...extra,
  } as PhasePlanSummary);

const PLANS: PhasePlanList = {
  plans: [
    plan('karakeep', 'in-progress', ['component:default/karakeep']),
    plan('vault', 'in-progress', ['component:default/vault-app']),
    plan('paperless', 'blocked', [], {
      prerequisites: [
        { text: '4.24', phaseId: '4.24', satisfied: false },
        { text: '4.23', phaseId: '4.23', satisfied: true },
      ],
      drift: [{ kind: 'progress-mismatch', message: 'says 90%' }],
    }),
    plan('done', 'complete', []),
    // Declared "Planned", but its first phase has started: that phase is shown.
    plan('karakeep-next', 'planned', [], {
      phases: [
        {
          phaseId: '5.1.1',
          title: '5.1.1 Research',
          status: 'in-progress',
          tasks: { done: 4, open: 2 },
        },
        {
          phaseId: '5.1.2',
          title: '5.1.2 Manifests',
          status: 'planned',
          tasks: { done: 0, open: 8 },
        },
      ],
    }),
  ],
  problems: [],
};

const OLLAMA = {
  hasData: true,
  reachable: true,
  stale: false,
  intervalSeconds: 15,
  loadedModels: [
    {
      name: 'qwen3:1.7b',
      sizeBytes: 2 * 2 ** 30,
      gpuShare: 0,
      cpuShare: 1,
      ramBytes: 2 * 2 ** 30,
      percentOfMemoryLimit: 25,
    },
  ],
  installedModels: [],
  memoryBudget: {
    loadedBytes: 2 * 2 ** 30,
    limitBytes: 8 * 2 ** 30,
    text: { name: 'qwen3:1.7b', bytes: 2 * 2 ** 30, source: 'loaded' },
    vision: { name: 'moondream', bytes: 7 * 2 ** 30, source: 'catalog' },
    pairBytes: 9 * 2 ** 30,
    pairFitsLimit: false,
  },
  churn: [],
  warnings: [],
} as unknown as OllamaStatus;

function setUp() {
  let now = 1_000_000;
  const current = reading();
  const snapshot: ClusterSnapshot = {
    latest: () => current,
    lastError: () => undefined,
    intervalSeconds: 15,
  };
  const phases = { list: jest.fn(async () => PLANS) };
  const ollama = { status: jest.fn(async () => OLLAMA) };
  const service = new HomeSummaryService({
    snapshot,
    phases,
    ollama,
    catalog: catalogFor(ENTITIES),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  return { service, phases, ollama, advance: (ms: number) => (now += ms) };
}

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

describe('HomeSummaryService', () => {
  it('sums node requests of non-terminated pods and lists unhealthy pods with kubectl reasons and links', async () => {
    const { service } = setUp();
    await service.refresh();
    const { cluster } = await service.summary(bob);
    expect(cluster.data!.nodes).toEqual([
      {
        name: 'node-1',
        ready: true,
        entityRef: 'resource:default/node-1',
        // 4 running or pending pods: 3 × 500m + 1 CPU, 3 × 1Gi + 6Gi; the Succeeded pod is left out.
        cpu: { requestedMillicores: 2500, allocatableMillicores: 4000 },
        memory: { requestedBytes: 9 * 2 ** 30, allocatableBytes: 16 * 2 ** 30 },
      },
    ]);
    expect(cluster.data!.problems).toEqual([
      {
        namespace: 'karakeep',
        name: 'karakeep-abc',
        phase: 'Running',
        reason: 'CrashLoopBackOff: OOMKilled',
        restarts: 7,
        entityRef: 'component:default/karakeep',
      },
      {
        namespace: 'kube-system',
        name: 'coredns-1',
        phase: 'Pending',
        reason: 'ImagePullBackOff',
        restarts: 0,
      },
      {
        namespace: 'vault',
        name: 'vault-0',
        phase: 'Pending',
        reason: 'Pending: 0/1 nodes are available: 1 Insufficient memory.',
        restarts: 0,
        entityRef: 'resource:default/vault',
      },
    ]);
    expect(cluster.updatedAt).toBe(new Date(1_000_000).toISOString());
  });

  it('shows a caller only the plans, pods and links of entities they may see', async () => {
    const { service } = setUp();
    await service.refresh();
    const summary = await service.summary(alice);
    expect(summary.migration.data!.inProgress.map(p => p.planId)).toEqual([
      'karakeep',
      'paperless',
      'karakeep-next',
    ]);
    expect(summary.cluster.data!.problems.map(p => p.name)).toEqual([
      'karakeep-abc',
      'coredns-1',
    ]);
    const bobs = await service.summary(bob);
    expect(bobs.migration.data!.inProgress.map(p => p.planId)).toEqual([
      'karakeep',
      'vault',
      'paperless',
      'karakeep-next',
    ]);
  });

  it('lists plans in progress or blocked with progress and unsatisfied prerequisites, drift counted', async () => {
    const { service } = setUp();
    await service.refresh();
    const { migration } = await service.summary(bob);
    expect(migration.data!.inProgress[2]).toEqual({
      planId: 'paperless',
      title: 'Plan paperless',
      tasks: { done: 2, total: 5 },
      blockedBy: ['4.24'],
      entityRefs: [],
    });
    expect(migration.data!.driftWarnings).toBe(1);
    expect(migration.data!.inProgress[3]).toEqual({
      planId: 'karakeep-next',
      title: 'Plan karakeep-next: 5.1.1 Research',
      phaseId: '5.1.1',
      tasks: { done: 4, total: 6 },
      blockedBy: [],
      entityRefs: [],
    });
  });

  it('says whether the text and vision models fit together and links the Ollama component', async () => {
    const { service } = setUp();
    await service.refresh();
    const { ollama } = await service.summary(bob);
    expect(ollama.data).toEqual({
      up: true,
      loaded: [
        { name: 'qwen3:1.7b', ramBytes: 2 * 2 ** 30, percentOfMemoryLimit: 25 },
      ],
      memoryLimitBytes: 8 * 2 ** 30,
      pairFits: {
        text: 'qwen3:1.7b',
        vision: 'moondream',
        fits: false,
        detail:
          'qwen3:1.7b 2.0 GiB + moondream 7.0 GiB = 9.0 GiB of a 8.0 GiB memory limit',
      },
      entityRef: 'component:default/ollama',
    });
  });

  it('computes once per interval however many viewers ask', async () => {
    const { service, phases, ollama } = setUp();
    await service.refresh();
    await Promise.all(Array.from({ length: 50 }, () => service.summary(bob)));
    expect(phases.list).toHaveBeenCalledTimes(1);
    expect(ollama.status).toHaveBeenCalledTimes(1);
  });

  it('keeps the previous data with the error, and marks sections stale after two intervals', async () => {
    const { service, phases, advance } = setUp();
    await service.refresh();
    advance(20_000);
    phases.list.mockRejectedValueOnce(new Error('catalog unavailable'));
    await service.refresh();
    let { migration } = await service.summary(bob);
    expect(migration.error).toBe('catalog unavailable');
    expect(migration.data!.inProgress).toHaveLength(4);
    expect(migration.stale).toBe(false);
    advance(11_000);
    ({ migration } = await service.summary(bob));
    expect(migration.stale).toBe(true);
  });

  it('answers with empty sections before the first computation', async () => {
    const { service } = setUp();
    const summary = await service.summary(bob);
    expect(summary.migration).toEqual({ stale: false });
    expect(summary.ollama).toEqual({ stale: false });
  });
});
