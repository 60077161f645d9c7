import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { type HomelabSim, startTestSim } from '@internal/homelab-sim';
import { OllamaClient } from '@internal/plugin-homelab-node';
import request from 'supertest';
import homelabPlugin from './index';
import { TASK_IDS } from './ollama/scheduleOllamaTasks';
import { simConfigData } from './__testUtils__/simConfig';

const REPO = resolve(__dirname, '../../..');

const aiModel = (name: string, tag: string, cap: string, ram: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'homelab.dev/ollama-model': tag },
  },
  spec: { type: 'ai-model', capabilities: [cap], ramEstimate: ram },
});

const ENTITIES: Entity[] = [
  aiModel('qwen3-1.7b', 'qwen3:1.7b', 'text', '2.2GB'),
  aiModel('moondream', 'moondream', 'vision', '2.5GB'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'ollama',
      namespace: 'default',
      annotations: {
        'homelab.dev/phase-plan': 'docs/phases/phase-4.23-ollama.md',
        'backstage.io/managed-by-location': `file:${REPO}/manifests/ai/catalog-info.yaml`,
      },
    },
    spec: { type: 'service' },
  },
];

describe('homelab backend plugin (default export) against the stand-in', () => {
  let sim: HomelabSim;
  beforeEach(async () => {
    sim = (await startTestSim({ manifestsDir: resolve(REPO, 'manifests') }))
      .sim;
  });
  const backends: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(backends.splice(0).map(b => b.stop()));
    await sim.close();
  });

  async function start() {
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
    backends.push(backend);
    const server = backend.server;
    /** One run of the sampler task, as the scheduler would start it. */
    const sampleOnce = async () => {
      const task = scheduler.scheduleTask.mock.calls
        .map(([t]) => t)
        .find(t => t.id === TASK_IDS.sampler);
      await task!.fn(new AbortController().signal);
    };
    const status = async () =>
      (await request(server).get('/api/homelab/ollama/status').expect(200))
        .body;
    return { server, scheduler, sampleOnce, status };
  }

  it('answers 401 to every route without credentials', async () => {
    const { server } = await start();
    for (const path of [
      '/phases',
      '/phases/docs-phases-phase-4.23-ollama',
      '/ollama/status',
      '/ollama/history?window=1h',
      '/health',
    ]) {
      const res = await request(server)
        .get(`/api/homelab${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
  });

  it('schedules the sampler on this replica, ticking every 3 s of its default 15 s slots, and no throughput probe', async () => {
    const { scheduler } = await start();
    const tasks = scheduler.scheduleTask.mock.calls.map(([t]) => t);
    const ollamaIds = Object.values(TASK_IDS) as string[];
    expect(
      tasks
        .map(t => t.id)
        .filter(id => ollamaIds.includes(id))
        .sort(),
    ).toEqual([TASK_IDS.retention, TASK_IDS.sampler].sort());
    expect(tasks.find(t => t.id === TASK_IDS.sampler)).toMatchObject({
      scope: 'local',
      frequency: { milliseconds: 3_000 },
    });
  });

  it('shows a model loaded by a generate, then Ollama going down, each after one sampling run', async () => {
    const { sampleOnce, status } = await start();
    const countsBefore = sim.requestCounts();
    expect(await status()).toMatchObject({ hasData: false });

    const ollama = new OllamaClient({
      baseUrl: sim.ollamaUrl,
      namespace: 'ai',
      labelSelector: 'app.kubernetes.io/name=ollama',
    });
    await ollama.generate({ model: 'qwen3:1.7b', prompt: 'tag this' });
    await sampleOnce();
    const up = await status();
    expect(up).toMatchObject({ hasData: true, reachable: true, stale: false });
    expect(up.ageSeconds).toBeLessThan(5);
    expect(up.loadedModels.map((m: any) => m.name)).toEqual(['qwen3:1.7b']);
    expect(up.pod.memoryBytes.used).toBeGreaterThan(
      up.loadedModels[0].sizeBytes,
    );
    expect(up.pod.memoryBytes.limit).toBeGreaterThan(0);
    expect(up.memoryBudget).toMatchObject({
      text: { name: 'qwen3:1.7b', source: 'loaded' },
      vision: { name: 'moondream', bytes: 2.5e9, source: 'catalog' },
    });
    // Viewers read the database: polling the status sent nothing to Ollama.
    const ollamaCalls = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([k]) => k.startsWith('ollama '))
        .reduce((n, [, v]) => n + v, 0);
    const afterSample = ollamaCalls(sim.requestCounts());
    await status();
    await status();
    expect(ollamaCalls(sim.requestCounts())).toBe(afterSample);
    expect(afterSample).toBeGreaterThan(ollamaCalls(countsBefore));

    await sim.setScenario('ollama-down');
    // One interval later: a run in the slot already sampled would store nothing.
    const realNow = Date.now.bind(Date);
    const later = jest
      .spyOn(Date, 'now')
      .mockImplementation(() => realNow() + 15_000);
    let down;
    try {
      await sampleOnce();
      down = await status();
    } finally {
      later.mockRestore();
    }
    expect(down).toMatchObject({ hasData: true, reachable: false });
    expect(Date.parse(down.unreachableSince)).toBeGreaterThan(
      Date.parse(up.sampledAt),
    );
    // "connection refused", or a socket error when a kept-alive connection was cut.
    expect(down.error).toContain(`Ollama is unreachable at ${sim.ollamaUrl}`);
    expect(down.warnings[0]).toMatch(/Ollama has not answered since/);
  });

  it('lists the plans of docs/phases with their statuses and the entity that points at one', async () => {
    const { server } = await start();
    const res = await request(server).get('/api/homelab/phases').expect(200);
    expect(res.body.problems).toEqual([]);
    const byFile = Object.fromEntries(
      res.body.plans.map((p: any) => [p.file, p]),
    );
    expect(Object.keys(byFile).sort()).toEqual([
      'docs/phases/phase-4.23-ollama.md',
      'docs/phases/phase-4.24-karakeep.md',
    ]);
    expect(byFile['docs/phases/phase-4.23-ollama.md']).toMatchObject({
      phaseId: '4.23',
      status: 'complete',
      statusSource: 'declared',
      entityRefs: ['component:default/ollama'],
    });
    const karakeep = byFile['docs/phases/phase-4.24-karakeep.md'];
    expect(karakeep).toMatchObject({
      phaseId: '4.24',
      status: 'planned',
      entityRefs: [],
      prerequisites: [
        {
          phaseId: '4.23',
          status: 'complete',
          satisfied: true,
          planId: 'docs~phases~phase-4.23-ollama',
        },
      ],
    });
    expect(karakeep.tasks.open).toBeGreaterThan(0);
  });
});
