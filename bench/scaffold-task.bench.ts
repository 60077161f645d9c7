import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { portalConfigData, startTestSim } from '../packages/homelab-sim/src';
import {
  lintManifests,
  parseServiceSpec,
  readLintInputs,
  renderManifests,
  writeRenderedFiles,
} from '../plugins/homelab-manifests/src';
import type { BenchRow } from './types';

const RUNS = 7;
const TEMPLATE = resolve(
  __dirname,
  '../templates/homelab-service/template.yaml',
);

/** The form values a user would submit; `name` and `newNamespace` change per run. */
const formValues = (name: string) => ({
  name,
  description: 'RSS reader',
  owner: 'group:default/homelab-admins',
  namespaceChoice: 'new',
  newNamespace: name,
  podSecurity: 'restricted',
  image: 'ghcr.io/miniflux/miniflux:2.2.6',
  port: 8080,
  healthPath: '/healthcheck',
  hostname: name,
  gatewayName: 'homelab-gateway',
  gatewayNamespace: 'gateway',
  storage: [{ name: 'data', size: '2Gi', mountPath: '/data' }],
  cpuRequest: '50m',
  memoryRequest: '64Mi',
  memoryLimit: '256Mi',
  runAsUser: 1000,
  secretKeys: ['DATABASE_URL', 'ADMIN_PASSWORD'],
  egressTargets: [],
  usesOllama: false,
  publishTarget: 'local',
});

/** The spec the template's render step builds from formValues(name). */
const serviceSpec = (name: string) => ({
  name,
  description: 'RSS reader',
  owner: 'group:default/homelab-admins',
  namespace: { name, create: true, podSecurity: 'restricted' },
  image: 'ghcr.io/miniflux/miniflux:2.2.6',
  ports: [{ name: 'http', port: 8080 }],
  probes: { type: 'http', path: '/healthcheck', port: 'http' },
  hostnames: [name],
  gateway: { name: 'homelab-gateway', namespace: 'gateway' },
  storage: [{ name: 'data', size: '2Gi', mountPath: '/data' }],
  resources: {
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { memory: '256Mi' },
  },
  runAsUser: 1000,
  secretEnv: ['DATABASE_URL', 'ADMIN_PASSWORD'],
});

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What the scaffolder's render and lint steps do, without the scaffolder around them. */
function renderAndLint(name: string, dir: string) {
  const parsed = parseServiceSpec(serviceSpec(name));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.problems));
  const files = renderManifests(parsed.spec, { baseDomain: 'k8s.home.arpa' });
  const written = writeRenderedFiles(dir, files);
  if (written.conflicts.length)
    throw new Error(`conflicts: ${written.conflicts}`);
  const read = readLintInputs([dir]);
  const result = lintManifests(read.inputs, {});
  if (result.summary.error > 0)
    throw new Error(JSON.stringify(result.findings));
  return files;
}

/**
 * One homelab-service task end to end through the real scaffolder and catalog backends
 * (template read from the catalog, input validation, task queue, the steps: render,
 * lint, publish:gitops into the embedded bare repository), timed from POST /v2/tasks until
 * the task reads completed, next to render+lint alone on the same spec.
 */
export async function run(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scaffold-bench-'));
  process.env.HOMELAB_DATA_DIR = dataDir;
  const { sim } = await startTestSim();
  const backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      import(
        '@backstage/plugin-catalog-backend-module-scaffolder-entity-model'
      ),
      import('../plugins/catalog-backend-module-homelab/src'),
      import('@backstage/plugin-scaffolder-backend'),
      import('../plugins/scaffolder-backend-module-homelab/src'),
      mockServices.rootConfig.factory({
        data: {
          ...portalConfigData(sim, {
            baseDomain: 'k8s.home.arpa',
            catalog: { allowFileLocations: true },
          }),
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'Resource',
                  'Location',
                  'Template',
                  'Group',
                ],
              },
            ],
            locations: [{ type: 'file', target: TEMPLATE }],
          },
        },
      }),
    ],
  });
  const api = `http://127.0.0.1:${backend.server.port()}/api`;
  const headers = {
    authorization: mockCredentials.user.header(),
    'content-type': 'application/json',
  };
  const getJson = async (path: string) => {
    const res = await fetch(`${api}${path}`, { headers });
    return { status: res.status, body: res.ok ? await res.json() : undefined };
  };

  try {
    for (let deadline = Date.now() + 60_000; ; ) {
      if (
        (
          await getJson(
            '/catalog/entities/by-name/template/default/homelab-service',
          )
        ).status === 200
      )
        break;
      if (Date.now() > deadline)
        throw new Error('the catalog never returned the template');
      await new Promise(r => setTimeout(r, 200));
    }

    const scaffoldOnce = async (name: string) => {
      const start = performance.now();
      const res = await fetch(`${api}/scaffolder/v2/tasks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          templateRef: 'template:default/homelab-service',
          values: formValues(name),
        }),
      });
      if (res.status !== 201)
        throw new Error(`POST /v2/tasks ${res.status}: ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        const { body } = await getJson(`/scaffolder/v2/tasks/${id}`);
        if (body.status === 'completed') return performance.now() - start;
        if (body.status === 'failed' || body.status === 'cancelled') {
          const { body: events } = await getJson(
            `/scaffolder/v2/tasks/${id}/events`,
          );
          throw new Error(
            `task ${name} ${body.status}: ${events
              .map((e: any) => e.body.message)
              .join('\n')}`,
          );
        }
        await new Promise(r => setTimeout(r, 10));
      }
    };

    await scaffoldOnce('warm-up');
    const taskMs: number[] = [];
    for (let i = 0; i < RUNS; i++)
      taskMs.push(await scaffoldOnce(`bench-${i}`));

    const renderMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = join(dataDir, 'render-only', String(i));
      const start = performance.now();
      const files = renderAndLint(`bench-${i}`, dir);
      renderMs.push(performance.now() - start);
      // The same spec: every file render+lint wrote is byte-identical to the published one.
      const published = join(
        dataDir,
        'scaffolder/working-copies',
        `bench-${i}`,
        'manifests',
      );
      for (const file of files) {
        if (
          readFileSync(join(dir, file.path), 'utf8') !==
          readFileSync(join(published, file.path), 'utf8')
        ) {
          throw new Error(
            `${file.path} differs from the scaffolded one: not the same spec`,
          );
        }
      }
    }

    const task = median(taskMs);
    const alone = median(renderMs);
    return [
      {
        metric: 'render+lint alone, median',
        value: alone,
        unit: 'ms',
        note: `${RUNS} runs, same spec as the task`,
      },
      {
        metric: 'one scaffold task end to end, median',
        value: task,
        unit: 'ms',
        ratio: task / alone,
        note: `${RUNS} tasks, POST /v2/tasks to completed; ratio vs render+lint alone`,
      },
    ];
  } finally {
    await backend.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
