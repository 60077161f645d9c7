import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startTestSim } from '../packages/homelab-sim/src';
import homelabPlugin from '../plugins/homelab-backend/src';
import { CUTOVER_TASK_ID } from '../plugins/homelab-backend/src/cutover';
import { SNAPSHOT_TASK_ID } from '../plugins/homelab-backend/src/snapshot';
import { simConfigData } from '../plugins/homelab-backend/src/__testUtils__/simConfig';
import type { BenchRow } from './types';
import { percentile, sleep, standInCounters } from './viewerPhases';

const REPO = resolve(__dirname, '..');
const VIEWERS = 50;
/** Each viewer reads the view every second and asks for a check every other second. */
const POLL_MS = 1_000;
/** Snapshot and cutover interval (and the cutover's minimum gap), scaled down from 15 s. */
const BEAT_MS = 2_000;
/** Each phase runs this long; the stand-in's cutover scenario moves a step every third of it. */
const PHASE_MS = 18_000;
const PLAN_ID = 'docs~phases~phase-4.24-karakeep';

/** The Karakeep plan with its first cutover task ticked: the cutover is in progress. */
function planFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-viewers-bench-'));
  mkdirSync(join(dir, 'docs/phases'), { recursive: true });
  const plan = readFileSync(
    join(REPO, 'docs/phases/phase-4.24-karakeep.md'),
    'utf8',
  ).replace('- [ ] 4.24.5.2', '- [x] 4.24.5.2');
  writeFileSync(join(dir, 'docs/phases/phase-4.24-karakeep.md'), plan);
  writeFileSync(join(dir, 'package.json'), '{"workspaces":[]}');
  return dir;
}

function entities(dir: string): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'karakeep',
        namespace: 'default',
        annotations: {
          'homelab.dev/phase-plan': 'docs/phases/phase-4.24-karakeep.md',
          'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
          'backstage.io/kubernetes-namespace': 'karakeep',
        },
      },
      spec: { type: 'service' },
      relations: [{ type: 'dependsOn', targetRef: 'component:default/ollama' }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ollama', namespace: 'default' },
      spec: { type: 'model-server' },
    },
  ];
}

/**
 * The homelab backend against the stand-in's cutover scenario, its snapshot
 * and cutover tasks run by hand on one beat. One phase with one viewer of the
 * Cutover view (GET /cutover/:planId every second, POST check every other),
 * one with 50, over the same time and the same scenario steps; the stand-in's
 * admin counters say how many requests reached the cluster and Ollama.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = planFolder();
  const { sim } = await startTestSim({
    scenario: 'cutover',
    manifestsDir: join(REPO, 'manifests'),
  });
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      homelabPlugin,
      mockServices.rootConfig.factory({
        data: simConfigData(sim, {
          repositoryRoot: dir,
          phases: { folders: ['docs/phases'] },
          snapshot: { interval: { milliseconds: BEAT_MS } },
          cutover: {
            interval: { milliseconds: BEAT_MS },
            minGap: { milliseconds: BEAT_MS },
          },
        }),
      }),
      // The scheduler runs nothing by itself; each phase triggers the tasks on its beat.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      catalogServiceMock.factory({ entities: entities(dir) }),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}/api/homelab/cutover/${PLAN_ID}`;
  const headers = { Authorization: mockCredentials.user.header() };

  const { admin, requests } = standInCounters(sim.adminUrl);

  async function phase(viewers: number) {
    sim.setStep('applied');
    // Start on a window boundary, so both phases span the same evaluation windows.
    await sleep(BEAT_MS - (Date.now() % BEAT_MS) + 50);
    await admin('POST', '/counts/reset');
    const start = Date.now();
    const end = start + PHASE_MS;
    const latencies: number[] = [];
    let passing = 0;
    const beat = (async () => {
      for (let i = 0; i < PHASE_MS / BEAT_MS; i++) {
        await sleep(start + i * BEAT_MS - Date.now());
        await scheduler.triggerTask(SNAPSHOT_TASK_ID);
        await scheduler.triggerTask(CUTOVER_TASK_ID);
      }
    })();
    // Mid-window, so every window's evaluation sees the same step in both phases.
    const steps = (async () => {
      for (const third of [1, 2]) {
        await sleep(start + (third * PHASE_MS) / 3 + BEAT_MS / 2 - Date.now());
        sim.advanceStep();
      }
    })();
    const viewer = async (index: number) => {
      await sleep((index * POLL_MS) / viewers); // viewers open the view at different times
      for (let poll = 0; Date.now() < end; poll++) {
        const sent = performance.now();
        const check = poll % 2 === 0;
        const res = await fetch(check ? `${base}/check` : base, {
          method: check ? 'POST' : 'GET',
          headers,
        });
        const body = await res.json();
        if (!check) latencies.push(performance.now() - sent);
        if (!res.ok || !Array.isArray(body.items))
          throw new Error(
            `${check ? 'POST' : 'GET'} ${base} answered ${
              res.status
            }: ${JSON.stringify(body).slice(0, 300)}`,
          );
        passing = body.checks.pass;
        await sleep(POLL_MS - (performance.now() - sent));
      }
    };
    await Promise.all([
      beat,
      steps,
      ...Array.from({ length: viewers }, (_, i) => viewer(i)),
    ]);
    return {
      ...(await requests()),
      passing,
      latencies: latencies.sort((a, b) => a - b),
    };
  }

  try {
    const one = await phase(1);
    const many = await phase(VIEWERS);
    const label = `${PHASE_MS / 1000} s, tasks and minimum gap every ${
      BEAT_MS / 1000
    } s`;
    const ms = (n: number) => Number(n.toFixed(2));
    process.stderr.write(
      `cluster requests, 1 viewer: ${JSON.stringify(one.counts)}\n` +
        `cluster requests, ${VIEWERS} viewers: ${JSON.stringify(
          many.counts,
        )}\n` +
        `checks passing at the end: ${one.passing} (1 viewer), ${many.passing} (${VIEWERS} viewers)\n`,
    );
    return [
      {
        metric: `cluster requests, 1 viewer, ${label}`,
        value: one.cluster,
        unit: 'requests',
      },
      {
        metric: `cluster requests, ${VIEWERS} viewers, ${label}`,
        value: many.cluster,
        unit: 'requests',
        ratio: many.cluster / one.cluster,
        note: 'vs 1 viewer; target 1.00 (stand-in admin GET /counts)',
      },
      {
        metric: `Ollama requests, 1 viewer, ${label}`,
        value: one.ollama,
        unit: 'requests',
      },
      {
        metric: `Ollama requests, ${VIEWERS} viewers, ${label}`,
        value: many.ollama,
        unit: 'requests',
        ratio: many.ollama / one.ollama,
        note: 'vs 1 viewer; target 1.00 (stand-in admin GET /counts)',
      },
      {
        metric: `GET /cutover/:planId p50, ${VIEWERS} viewers (${many.latencies.length} requests)`,
        value: ms(percentile(many.latencies, 0.5)),
        unit: 'ms',
      },
      {
        metric: `GET /cutover/:planId p99, ${VIEWERS} viewers (${many.latencies.length} requests)`,
        value: ms(percentile(many.latencies, 0.99)),
        unit: 'ms',
        note: 'in-process stand-in and catalog mock',
      },
    ];
  } finally {
    await backend.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
