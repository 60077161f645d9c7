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
import { TokenRing } from './kube/tokens';
import { ollamaHandler } from './ollama/api';
import { Scheduler } from './ollama/scheduler';
import { resolveScenario } from './scenario/resolve';
import type { ResolvedScenario, ScenarioSpec } from './scenario/types';
import { StepPosition, Steps } from './scenario/steps';

export interface HomelabSimOptions {
  /** Folder of Kubernetes manifests to serve; defaults to the package's small fixtures. */
  manifestsDir?: string;
  /** Shipped scenario name, path of a scenario file, or a spec; defaults to `default`. */
  scenario?: string | ScenarioSpec;
  kubePort?: number;
  ollamaPort?: number;
  adminPort?: number;
  token?: string;
  /**
   * How long the previous token stays valid after `rotateToken` (the API server keeps an
   * old projected token valid after the kubelet writes the new one). Default: 70 s.
   */
  oldTokenValidForMs?: number;
  host?: string;
  logger?: (msg: string) => void;
}

export interface HomelabSim {
  /** https URL of the Kubernetes API (self-signed certificate, see `kubeCaPem`). */
  kubeUrl: string;
  ollamaUrl: string;
  adminUrl: string;
  /** The token the API server accepts now. */
  readonly token: string;
  /** Accept `next` from now on, and the current token for `oldTokenValidForMs` (default: the option) more. */
  rotateToken(next: string, opts?: { oldTokenValidForMs?: number }): void;
  /** PEM of the API server's self-signed certificate, for clients that verify TLS. */
  kubeCaPem: string;
  setScenario(nameOrSpec: string | ScenarioSpec): Promise<void>;
  /** Moves a stepped scenario to its next step (stays on the last); answers where it is. */
  advanceStep(): StepPosition;
  /** Moves a stepped scenario to step `index` (0-based) or the step of that name. */
  setStep(step: number | string): StepPosition;
  step(): StepPosition;
  requestCounts(): Record<string, number>;
  close(): Promise<void>;
}

export { FIXTURE_MANIFESTS };

export async function startHomelabSim(
  options: HomelabSimOptions = {},
): Promise<HomelabSim> {
  const host = options.host ?? '127.0.0.1';
  const tokens = new TokenRing(
    options.token ?? 'homelab-sim-dev-token',
    options.oldTokenValidForMs ?? 70_000,
  );
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
  const steps = new Steps(() => scenario);
  const rebuild = () => {
    const built = buildCluster(
      loadManifests(manifestsDir, log),
      scenario,
      log,
      steps.current(),
    );
    for (const o of built)
      o.metadata.resourceVersion = String(++resourceVersion);
    objects = built;
  };
  rebuild();
  const scheduler = new Scheduler(scenario.ollama);

  const tls = selfSignedCertificate(host);
  const onKube = kubeHandler({
    acceptsToken: t => tokens.accepts(t),
    resourceVersion: () => String(resourceVersion),
    scenario: () => scenario,
    objects: () => objects,
    scheduler: () => scheduler,
    step: () => steps.current(),
  });
  const kubeServer = https.createServer(
    { cert: tls.cert, key: tls.key },
    (req, res) => {
      counter.record('kube', req.method ?? 'GET', req.url ?? '/');
      onKube(req, res);
    },
  );
  const onOllama = ollamaHandler(() => steps.ollama(), scheduler);
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
    steps.reset();
    rebuild();
    scheduler.configure(next.ollama);
    await applyOllamaUp();
    log(`scenario switched to ${next.name}`);
  };
  const moveStep = (move: () => StepPosition) => {
    const at = move();
    rebuild();
    log(`scenario ${scenario.name}: step ${at.index + 1}/${at.of} ${at.name}`);
    return at;
  };
  const advanceStep = () => moveStep(() => steps.advance());
  const setStep = (step: number | string) => moveStep(() => steps.set(step));
  adminServer.on(
    'request',
    adminHandler({
      scenario: () => scenario,
      setScenario,
      counter,
      step: () => steps.position(),
      advanceStep,
      setStep,
      rotateToken: (next, ms) => {
        tokens.rotate(next, ms);
        log('service account token rotated');
      },
    }),
  );
  const adminPort = await listen(adminServer, options.adminPort ?? 7435, host);

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    kubeUrl: `https://${urlHost}:${kubePort}`,
    ollamaUrl: `http://${urlHost}:${ollamaPort}`,
    adminUrl: `http://${urlHost}:${adminPort}`,
    get token() {
      return tokens.token;
    },
    rotateToken: (next, opts = {}) =>
      tokens.rotate(next, opts.oldTokenValidForMs),
    kubeCaPem: tls.cert,
    setScenario,
    advanceStep,
    setStep,
    step: () => steps.position(),
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
