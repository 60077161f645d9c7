import { parsePhasePlan, planPhases } from '@internal/plugin-homelab-common';
import type { HomelabApi } from '../api/HomelabApi';
import { cutoverList, karakeepCutover } from './cutoverFixtures';
import type {
  ComposeDraftResponse,
  OllamaHistory,
  OllamaStatus,
  PhasePlanDetail,
  PhasePlanList,
  PhasePlanSummary,
} from '../api/types';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** Ollama on a CPU-only node, tagging with a text model while a vision model is on disk. */
export function ollamaStatus(
  overrides: Partial<OllamaStatus> = {},
  now = Date.now(),
): OllamaStatus {
  return {
    hasData: true,
    sampledAt: new Date(now - 5_000).toISOString(),
    ageSeconds: 5,
    stale: false,
    reachable: true,
    version: '0.9.6',
    latencyMs: 42,
    intervalSeconds: 15,
    pod: {
      name: 'ollama-6d9f7c5b8-x2kq4',
      nodeName: 'k3s-worker-1',
      phase: 'Running',
      restarts: 0,
      cpuMillicores: {
        used: 1500,
        request: 1000,
        limit: 3000,
        percentOfLimit: 50,
      },
      memoryBytes: {
        used: 3 * GiB,
        request: 2 * GiB,
        limit: 6 * GiB,
        percentOfLimit: 50,
      },
    },
    loadedModels: [
      {
        name: 'qwen3:1.7b',
        sizeBytes: 2.2 * GiB,
        gpuShare: 0,
        cpuShare: 1,
        contextLength: 2048,
        expiresAt: new Date(now + 240_000).toISOString(),
        secondsUntilUnload: 240,
        percentOfMemoryLimit: 36.7,
      },
    ],
    installedModels: [
      {
        name: 'qwen3:1.7b',
        sizeBytes: 1400 * MiB,
        parameterSize: '1.7B',
        quantization: 'Q4_K_M',
        loaded: true,
      },
      {
        name: 'moondream:latest',
        sizeBytes: 1700 * MiB,
        parameterSize: '1.8B',
        quantization: 'Q4_0',
        loaded: false,
      },
    ],
    memoryBudget: {
      loadedBytes: 2.2 * GiB,
      limitBytes: 6 * GiB,
      nodeAllocatableBytes: 14 * GiB,
      text: { name: 'qwen3:1.7b', bytes: 2.2 * GiB, source: 'loaded' },
      vision: { name: 'moondream', bytes: 2.5 * GiB, source: 'catalog' },
      pairBytes: 4.7 * GiB,
      pairFitsLimit: true,
      pairFitsNode: true,
    },
    churn: [],
    warnings: [],
    ...overrides,
  };
}

/** An hour of samples: CPU climbing during a tagging burst, the text model loaded halfway. */
export function ollamaHistory(now = Date.now()): OllamaHistory {
  const points = Array.from({ length: 12 }, (_, i) => {
    const loaded = i >= 6;
    return {
      at: new Date(now - (11 - i) * 300_000).toISOString(),
      reachable: true,
      latencyMs: 40,
      cpuMillicores: loaded ? 2400 : 100 + i * 10,
      cpuLimitMillicores: 3000,
      memoryBytes: loaded ? 3 * GiB : 400 * MiB,
      memoryLimitBytes: 6 * GiB,
      loadedBytes: loaded ? 2.2 * GiB : 0,
      loadedModels: loaded ? ['qwen3:1.7b'] : [],
    };
  });
  return {
    window: '1h',
    from: new Date(now - 3_600_000).toISOString(),
    to: new Date(now).toISOString(),
    points,
  };
}

export const OLLAMA_PLAN_MD = `# Phase 4.23: Local inference with Ollama

**Status**: In Progress
**Target:** v0.19.0

## Tasks

### 4.23.1 Deploy

- [x] Write the Deployment with a 6Gi memory limit
- [x] Add a PersistentVolumeClaim for the models
- [ ] Pull qwen3:1.7b and moondream
  - [x] qwen3:1.7b
  - [ ] moondream

### 4.23.2 Observe

- [ ] Add the load card to the portal

## Verification Checklist

- [x] /api/version answers inside the cluster
- [ ] A generate request with qwen3:1.7b finishes in under a minute

## Rollback

Scale the Deployment to zero: \`kubectl -n ai scale deploy/ollama --replicas=0\`.
`;

export const KARAKEEP_PLAN_MD = `# Phase 4.24: Bookmark manager move

> **Status:** Planned
> **Prerequisite:** Phase 4.23 complete

## 4.24.1 Manifests

- [x] Namespace with restricted Pod Security
- [ ] Deployment and Services

## 4.24.2 Cutover

- [x] Lower the DNS TTL a day ahead
- [ ] Switch the DNS record
- [ ] Watch the first hour of traffic
`;

function summaryOf(
  id: string,
  file: string,
  markdown: string,
  extra: Partial<PhasePlanSummary>,
): PhasePlanDetail {
  const plan = parsePhasePlan(markdown, { file });
  return {
    id,
    file,
    title: plan.title,
    phaseId: plan.phaseId,
    status: plan.status,
    statusSource: plan.statusSource,
    declaredStatus: plan.declaredStatus,
    tasks: plan.tasks,
    progress: plan.progress,
    prerequisites: [],
    drift: plan.drift,
    entityRefs: [],
    phases: planPhases(plan),
    ...extra,
    plan,
  };
}

export const ollamaPlan = summaryOf(
  'docs~phases~phase-4.23-ollama',
  'docs/phases/phase-4.23-ollama.md',
  OLLAMA_PLAN_MD,
  {
    entityRefs: ['component:default/ollama'],
  },
);

export const karakeepPlan = summaryOf(
  'docs~phases~phase-4.24-karakeep',
  'docs/phases/phase-4.24-karakeep.md',
  KARAKEEP_PLAN_MD,
  {
    entityRefs: ['component:default/karakeep'],
    prerequisites: [
      {
        text: '4.23',
        phaseId: '4.23',
        status: 'in-progress',
        planId: 'docs~phases~phase-4.23-ollama',
        title: ollamaPlan.title,
        satisfied: false,
      },
    ],
  },
);

export function planList(
  details: PhasePlanDetail[] = [ollamaPlan, karakeepPlan],
): PhasePlanList {
  return {
    plans: details.map(({ plan: _plan, ...summary }) => summary),
    problems: [],
  };
}

/** A compose file with a web app and its database, as the draft endpoint answers for it. */
export const COMPOSE_YAML = `services:
  web:
    image: ghcr.io/miniflux/miniflux:2.2.10
    environment:
      DATABASE_URL: postgres://miniflux:secret@db/miniflux
      ADMIN_PASSWORD: changeme
    ports: ['8080:8080']
    network_mode: bridge
  db:
    image: postgres:17
`;

export function composeDraftResponse(service?: string): ComposeDraftResponse {
  const services = [
    { name: 'web', image: 'ghcr.io/miniflux/miniflux:2.2.10' },
    { name: 'db', image: 'postgres:17' },
  ];
  if (service !== 'web') return { services };
  return {
    services,
    draft: {
      service: 'web',
      yaml: [
        '# Not carried over: network_mode (pods share the cluster network)',
        'name: web',
        'image: ghcr.io/miniflux/miniflux:2.2.10',
        'ports:',
        '  - containerPort: 8080',
      ].join('\n'),
      secretKeys: ['DATABASE_URL', 'ADMIN_PASSWORD'],
      unmapped: [
        { key: 'network_mode', reason: 'pods share the cluster network' },
      ],
      warnings: ['Port 8080 was published on the host; it becomes a Service'],
    },
  };
}

/** A HomelabApi whose answers a test sets, one jest.fn per call so tests can count and fail them. */
export function fakeHomelabApi(
  overrides: Partial<Record<keyof HomelabApi, jest.Mock>> = {},
) {
  const api = {
    listPlans: jest.fn(async () => planList()),
    getPlan: jest.fn(async (id: string) => {
      const found = [ollamaPlan, karakeepPlan].find(p => p.id === id);
      if (!found) throw new Error(`No phase plan with id "${id}"`);
      return found;
    }),
    getOllamaStatus: jest.fn(async () => ollamaStatus()),
    getOllamaHistory: jest.fn(async () => ollamaHistory()),
    draftComposeService: jest.fn(
      async (request: { composeYaml: string; service?: string }) =>
        composeDraftResponse(request.service),
    ),
    listCutovers: jest.fn(async () => cutoverList()),
    getCutover: jest.fn(async (planId: string) => {
      const found = karakeepCutover();
      if (planId !== found.planId) {
        throw new Error(`No cutover for plan "${planId}"`);
      }
      return found;
    }),
    checkCutover: jest.fn(async (_planId: string) => {}),
    ...overrides,
  };
  return api satisfies HomelabApi;
}

/** A promise that never settles: the component stays in its loading state. */
export const pending = () => new Promise<never>(() => {});
