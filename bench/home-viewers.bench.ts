import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startTestSim } from '../packages/homelab-sim/src';
import homelabPlugin from '../plugins/homelab-backend/src';
import { HOME_TASK_ID } from '../plugins/homelab-backend/src/home';
import { TASK_IDS } from '../plugins/homelab-backend/src/ollama/scheduleOllamaTasks';
import { SNAPSHOT_TASK_ID } from '../plugins/homelab-backend/src/snapshot';
import { simConfigData } from '../plugins/homelab-backend/src/__testUtils__/simConfig';
import type { BenchRow } from './types';
import { sleep, standInCounters } from './viewerPhases';

const VIEWERS = 50;
/** Each viewer asks every second, 15 times faster than the widgets poll. */
const POLL_MS = 1_000;
/** Snapshot, sampler and summary interval, scaled down from the default 15 s (2 s is the shortest the task timeouts allow). */
const BEAT_MS = 2_000;
/** Each phase runs this long. */
const PHASE_MS = 20_000;

/**
 * The homelab backend against the stand-in (default scenario: Ollama up, so
 * the sampler reads it every beat instead of backing off), its
 * snapshot, sampler and summary tasks run by hand on the same beat. One
 * phase with one viewer of GET /home, one with 50, over the same time; the
 * stand-in's admin counters say how many requests reached the cluster and
 * Ollama in each.
 */
export async function run(): Promise<BenchRow[]> {
  const { sim } = await startTestSim();
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      homelabPlugin,
      mockServices.rootConfig.factory({
        data: simConfigData(sim, {
          ollama: { sampleInterval: '2s' },
          snapshot: { interval: '2s' },
        }),
      }),
      // The scheduler runs nothing by itself; each phase triggers the tasks on its beat.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  const homeUrl = `http://127.0.0.1:${backend.server.port()}/api/homelab/home`;
  const headers = { Authorization: mockCredentials.user.header() };

  const { admin, requests } = standInCounters(sim.adminUrl);
  const beat = async () => {
    await scheduler.triggerTask(SNAPSHOT_TASK_ID);
    await scheduler.triggerTask(TASK_IDS.sampler);
    await scheduler.triggerTask(HOME_TASK_ID);
  };

  async function phase(viewers: number) {
    await beat(); // viewers see data from the start
    await admin('POST', '/counts/reset');
    const start = Date.now();
    const end = start + PHASE_MS;
    let answered = 0;
    const tasks = (async () => {
      for (let i = 1; i <= PHASE_MS / BEAT_MS; i++) {
        await sleep(start + i * BEAT_MS - Date.now());
        await beat();
      }
    })();
    const viewer = async (index: number) => {
      await sleep((index * POLL_MS) / viewers);
      while (Date.now() < end) {
        const sent = performance.now();
        const res = await fetch(homeUrl, { headers });
        const body = await res.json();
        if (!res.ok || !body.cluster?.data || !body.ollama?.data)
          throw new Error(
            `GET /home answered ${res.status}: ${JSON.stringify(body)}`,
          );
        answered++;
        await sleep(POLL_MS - (performance.now() - sent));
      }
    };
    await Promise.all([
      tasks,
      ...Array.from({ length: viewers }, (_, i) => viewer(i)),
    ]);
    return { ...(await requests()), answered };
  }

  try {
    const one = await phase(1);
    const many = await phase(VIEWERS);
    const label = `${PHASE_MS / 1000} s, tasks every ${BEAT_MS / 1000} s`;
    const rows: BenchRow[] = [];
    for (const source of ['cluster', 'ollama'] as const) {
      rows.push(
        {
          metric: `${source} requests, 1 viewer of GET /home (${one.answered} answers), ${label}`,
          value: one[source],
          unit: 'requests',
        },
        {
          metric: `${source} requests, ${VIEWERS} viewers of GET /home every ${
            POLL_MS / 1000
          } s (${many.answered} answers), ${label}`,
          value: many[source],
          unit: 'requests',
          ratio: one[source] ? many[source] / one[source] : undefined,
          note: 'vs 1 viewer; target 1.00 (from the stand-in admin GET /counts)',
        },
      );
    }
    if (many.cluster !== one.cluster || many.ollama !== one.ollama) {
      throw new Error(
        `${VIEWERS} viewers caused ${many.cluster} cluster and ${many.ollama} Ollama requests, 1 viewer ${one.cluster} and ${one.ollama}: viewers must be answered from the shared summaries`,
      );
    }
    return rows;
  } finally {
    await backend.stop();
    await sim.close();
  }
}
