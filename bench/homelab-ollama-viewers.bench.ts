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
import { TASK_IDS } from '../plugins/homelab-backend/src/ollama/scheduleOllamaTasks';
import { simConfigData } from '../plugins/homelab-backend/src/__testUtils__/simConfig';
import type { BenchRow } from './types';
import { percentile, sleep, standInCounters } from './viewerPhases';

const VIEWERS = 50;
/** Each viewer asks every second, 15 times faster than the card's default poll. */
const POLL_MS = 1_000;
/** The sampler interval, scaled down from the default 15 s (the shortest the task timeouts accept is 1.25 s). */
const SAMPLE_MS = 2_000;
/** "A minute" scaled down to keep the bench short; each phase runs this long. */
const PHASE_MS = 15_000;

/**
 * The homelab backend plugin (default export) against the stand-in, its
 * sampler run by hand on a fixed beat. One phase with no viewers, one with 50
 * viewers polling GET /ollama/status; the stand-in's admin counters say how
 * many requests reached Ollama in each.
 */
export async function run(): Promise<BenchRow[]> {
  const { sim } = await startTestSim();
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      homelabPlugin,
      mockServices.rootConfig.factory({
        data: simConfigData(sim, {
          ollama: { sampleInterval: `${SAMPLE_MS / 1000}s` },
        }),
      }),
      // The scheduler runs nothing by itself; the phases trigger the sampler on their beat.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  const statusUrl = `http://127.0.0.1:${backend.server.port()}/api/homelab/ollama/status`;
  const headers = { Authorization: mockCredentials.user.header() };

  const { admin, requests } = standInCounters(sim.adminUrl);
  const ollamaRequests = async () => (await requests()).ollama;

  async function phase(viewers: number) {
    // One sample first, so viewers see data from the start.
    await scheduler.triggerTask(TASK_IDS.sampler);
    await admin('POST', '/counts/reset');
    const start = Date.now();
    const end = start + PHASE_MS;
    const latencies: number[] = [];
    const sampler = (async () => {
      for (let beat = 0; beat < PHASE_MS / SAMPLE_MS; beat++) {
        await sleep(start + beat * SAMPLE_MS - Date.now());
        await scheduler.triggerTask(TASK_IDS.sampler);
      }
    })();
    const viewer = async (index: number) => {
      await sleep((index * POLL_MS) / viewers); // viewers open the page at different times
      while (Date.now() < end) {
        const sent = performance.now();
        const res = await fetch(statusUrl, { headers });
        const body = await res.json();
        latencies.push(performance.now() - sent);
        if (!res.ok || !body.hasData)
          throw new Error(
            `GET /ollama/status answered ${res.status}: ${JSON.stringify(
              body,
            )}`,
          );
        await sleep(POLL_MS - (performance.now() - sent));
      }
    };
    await Promise.all([
      sampler,
      ...Array.from({ length: viewers }, (_, i) => viewer(i)),
    ]);
    return {
      ollama: await ollamaRequests(),
      latencies: latencies.sort((a, b) => a - b),
    };
  }

  try {
    const quiet = await phase(0);
    const busy = await phase(VIEWERS);
    if (busy.ollama !== quiet.ollama) {
      throw new Error(
        `Ollama got ${busy.ollama} requests with ${VIEWERS} viewers but ${quiet.ollama} without: viewers must be answered from the stored samples`,
      );
    }
    const label = `${PHASE_MS / 1000} s (a minute scaled down), sampler every ${
      SAMPLE_MS / 1000
    } s`;
    const ms = (n: number) => Number(n.toFixed(2));
    return [
      {
        metric: `Ollama requests, no viewers, ${label}`,
        value: quiet.ollama,
        unit: 'requests',
      },
      {
        metric: `Ollama requests, ${VIEWERS} viewers polling every ${
          POLL_MS / 1000
        } s, ${label}`,
        value: busy.ollama,
        unit: 'requests',
        ratio: busy.ollama / quiet.ollama,
        note: 'vs no viewers; target 1.00 (from the stand-in admin GET /counts)',
      },
      {
        metric: `GET /ollama/status p50, ${VIEWERS} viewers (${busy.latencies.length} requests)`,
        value: ms(percentile(busy.latencies, 0.5)),
        unit: 'ms',
      },
      {
        metric: `GET /ollama/status p99, ${VIEWERS} viewers (${busy.latencies.length} requests)`,
        value: ms(percentile(busy.latencies, 0.99)),
        unit: 'ms',
        note: 'in-process stand-in, SQLite in memory',
      },
    ];
  } finally {
    await backend.stop();
    await sim.close();
  }
}
