import http from 'node:http';
import https from 'node:https';
import { adminHandler } from './admin/api';
import { buildCluster } from './cluster/build';
import { loadManifests } from './cluster/manifests';
import type { KubeObject } from './cluster/types';
import { closeServer, listen, RequestCounter } from './http';
import { kubeHandler } from './kube/api';
import { FIXTURE_MANIFESTS } from './paths';
import { selfSignedCertificate } from './kube/tls';
import { ollamaHandler } from './ollama/api';
import { Scheduler } from './ollama/scheduler';
import { resolveScenario } from './scenario/resolve';
import type { ResolvedScenario, ScenarioSpec } from './scenario/types';

export interface HomelabSimOptions {
  /** Folder of Kubernetes manifests to serve; defaults to the package's small fixtures. */
  manifestsDir?: string;
  /** Shipped scenario name, path of a scenario file, or a spec; defaults to `default`. */
  scenario?: string | ScenarioSpec;
  kubePort?: number;
  ollamaPort?: number;
  adminPort?: number;
  token?: string;
  host?: string;
  logger?: (msg: string) => void;
}

export interface HomelabSim {
  /** https URL of the Kubernetes API (self-signed certificate, see `kubeCaPem`). */
  kubeUrl: string;
  ollamaUrl: string;
  adminUrl: string;
  token: string;
  /** PEM of the API server's self-signed certificate, for clients that verify TLS. */
  kubeCaPem: string;
  setScenario(nameOrSpec: string | ScenarioSpec): Promise<void>;
  requestCounts(): Record<string, number>;
  close(): Promise<void>;
}

export { FIXTURE_MANIFESTS };

export async function startHomelabSim(
  options: HomelabSimOptions = {},
): Promise<HomelabSim> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? 'homelab-sim-dev-token';
  const log =
    options.logger ??
    ((msg: string) => process.stderr.write(`[homelab-sim] ${msg}\n`));
  const manifestsDir = options.manifestsDir ?? FIXTURE_MANIFESTS;
  const counter = new RequestCounter();

  let scenario: ResolvedScenario = resolveScenario(
    options.scenario ?? 'default',
  );
  let objects: KubeObject[] = [];
  let resourceVersion = 1000;
  const rebuild = () => {
    const built = buildCluster(loadManifests(manifestsDir, log), scenario, log);
    for (const o of built)
      o.metadata.resourceVersion = String(++resourceVersion);
    objects = built;
  };
  rebuild();
  const scheduler = new Scheduler(scenario.ollama);

  const tls = selfSignedCertificate(host);
  const onKube = kubeHandler({
    token: () => token,
    resourceVersion: () => String(resourceVersion),
    scenario: () => scenario,
    objects: () => objects,
    scheduler: () => scheduler,
  });
  const kubeServer = https.createServer(
    { cert: tls.cert, key: tls.key },
    (req, res) => {
      counter.record('kube', req.method ?? 'GET', req.url ?? '/');
      onKube(req, res);
    },
  );
  const onOllama = ollamaHandler(() => scenario.ollama, scheduler);
  const ollamaServer = http.createServer((req, res) => {
    counter.record('ollama', req.method ?? 'GET', req.url ?? '/');
    onOllama(req, res);
  });
  const adminServer = http.createServer();

  const kubePort = await listen(
    kubeServer as unknown as http.Server,
    options.kubePort ?? 7443,
    host,
  );
  const ollamaPort = await listen(
    ollamaServer,
    options.ollamaPort ?? 7434,
    host,
  );
  const applyOllamaUp = async () => {
    if (scenario.ollama.up && !ollamaServer.listening)
      await listen(ollamaServer, ollamaPort, host);
    if (!scenario.ollama.up && ollamaServer.listening)
      await closeServer(ollamaServer);
  };
  await applyOllamaUp();

  const setScenario = async (nameOrSpec: string | ScenarioSpec) => {
    // Resolve first: a bad scenario changes nothing.
    const next = resolveScenario(nameOrSpec);
    scenario = next;
    rebuild();
    scheduler.configure(next.ollama);
    await applyOllamaUp();
    log(`scenario switched to ${next.name}`);
  };
  adminServer.on(
    'request',
    adminHandler({ scenario: () => scenario, setScenario, counter }),
  );
  const adminPort = await listen(adminServer, options.adminPort ?? 7435, host);

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    kubeUrl: `https://${urlHost}:${kubePort}`,
    ollamaUrl: `http://${urlHost}:${ollamaPort}`,
    adminUrl: `http://${urlHost}:${adminPort}`,
    token,
    kubeCaPem: tls.cert,
    setScenario,
    requestCounts: () => counter.snapshot(),
    close: async () => {
      await Promise.all(
        [kubeServer, ollamaServer, adminServer].map(s =>
          closeServer(s as http.Server),
        ),
      );
    },
  };
}
