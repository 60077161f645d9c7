// Two backends from the production bundle (scripts/lib/bundle.mjs), as the Deployment's two
// replicas, against one PostgreSQL database and the stand-in cluster and Ollama, each as an
// unprivileged uid in in-cluster mode (a service-account folder and KUBERNETES_SERVICE_HOST/PORT).
// Both start together on an empty database (they take turns on the plugins' migrations under a
// PostgreSQL advisory lock, packages/backend/src/startupLock.ts). Scheduled work runs once per
// interval across both (discovery as a global task; the sampler ticks on both and the first tick
// of a slot claims it in the database); a replica killed, also in the middle of a sampler run,
// hands the sampler to the other within one interval plus the sampler's timeout; no sample slot
// is written twice; the history survives a restart; both serve the same TechDocs page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { startLoopbackOidc, type LoopbackOidc, type Person } from './support/loopbackOidc.ts';
import { signInWithOidc, type SignedIn } from './support/oidcSignIn.ts';
import { prepareBundle } from '../scripts/lib/bundle.mjs';
import { startBundleBackend, unprivilegedFolder } from '../scripts/lib/bundleProcess.mjs';
import { stopAll } from '../scripts/lib/processes.mjs';
import { startStandIns } from '../scripts/lib/standIns.mjs';

const ROOT = join(import.meta.dirname, '..');
// E2E_PORT_OFFSET 600's range (scripts/lib/testPortal.mjs), so another portal can run beside it.
const PORTS = { a: 17607, b: 17608, oidc: 17609, kube: 18043, ollama: 18034, admin: 18035, ollamaProxy: 18036 };
const DATA_DIR = join(ROOT, 'data/production-replicas');
const DB_PREFIX = 'homelab_replicas_test_';
const SIM_TOKEN = 'replicas-test-token';
const postgres = { host: process.env.POSTGRES_HOST ?? '127.0.0.1', user: process.env.POSTGRES_USER ?? 'postgres', password: process.env.POSTGRES_PASSWORD ?? 'postgres' };

// Short intervals keep the test short; the rules are the production ones: each task's timeout is
// 80% of its interval (taskTimeout.ts).
const SAMPLE_INTERVAL_MS = 5000;
const SAMPLER_TIMEOUT_MS = 4000;
// How soon after a kill the other replica samples at the latest: the issue's bound. The killed
// replica keeps only the slot it claimed; the next slot starts within one interval of the kill,
// and the survivor, ticking every fifth of the interval (samplerTickMs), claims it within a tick
// of its start, a tick being shorter than the timeout. No phase term: the slots are aligned to
// the clock, not to when each replica started.
const RESUME_BOUND_MS = SAMPLE_INTERVAL_MS + SAMPLER_TIMEOUT_MS;
const DISCOVERY_INTERVAL_S = 10;
// The portal's docs entity (catalog-info.yaml at the root), built from a copy of the repository's
// mkdocs.yml and docs/ next to the test's catalog file, and one page of it.
// (TechDocs' routes name it namespace/kind/name; the catalog's by-name route kind/namespace/name.)
const DOCS_ENTITY = 'default/component/homelab-docs';
const DOCS_PAGE = 'runbooks/deploying-the-portal/index.html';
// What the stand-in counts for one sampler run and one discovery run.
const SAMPLER_REQUEST = 'ollama GET /api/ps';
const DISCOVERY_REQUEST = 'kube GET /api/v1/namespaces';

const ADA: Person = { login: 'ada', email: 'ada@example.org', name: 'Ada' };
const CLIENT = { id: 'homelab-portal', secret: 'replicas-test-client-secret', redirectUri: `http://localhost:${PORTS.a}/api/auth/oidc/handler/frame` };

type Replica = 'a' | 'b';
type Backend = { child: ChildProcess; output: () => string };

// Built (or taken from its cache, data/bundle) once; each suite awaits it in its before hook.
const bundleReady = prepareBundle();
let bundle: Awaited<typeof bundleReady>;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * In front of the stand-in's Ollama: forwards every request, and when armed holds the next one
 * (the sampler is then in the middle of its run) and tells which local port sent it.
 */
function startOllamaProxy(target: string) {
  let armed: ((clientPort: number) => void) | undefined;
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    if (armed) {
      const notify = armed;
      armed = undefined;
      held.push(res);
      notify(req.socket.remotePort!);
      return;
    }
    const upstream = http.request(new URL(req.url!, target), { method: req.method, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return {
    listen: () => new Promise<void>(r => server.listen(PORTS.ollamaProxy, '127.0.0.1', () => r())),
    /** Resolves with the client port of the next request, which stays unanswered. */
    holdNext: () => new Promise<number>(resolve => (armed = resolve)),
    releaseHeld: () => held.splice(0).forEach(res => res.destroy()),
    close: () => {
      server.closeAllConnections();
      return new Promise(r => server.close(r));
    },
  };
}

/** The process holding a loopback TCP connection from `port` (ss shows it to root). */
function pidOfClientPort(port: number): number | undefined {
  const out = spawnSync('ss', ['-Htnp', `( sport = :${port} )`], { encoding: 'utf8' }).stdout;
  const pid = /pid=(\d+)/.exec(out)?.[1];
  return pid ? Number(pid) : undefined;
}

function writeCatalog(file: string) {
  writeFileSync(
    file,
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: homelab-admins }
spec: { type: team, children: [], members: [ada] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada }
spec: { profile: { email: ${ADA.email} }, memberOf: [homelab-admins] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: homelab-docs
  annotations: { backstage.io/techdocs-ref: dir:./portal-docs }
spec: { type: documentation, lifecycle: production, owner: group:default/homelab-admins }
`,
  );
}

/** The service-account folder a pod has: token, CA and namespace (readable by the backend's uid). */
function writeServiceAccount(dir: string, caFile: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'token'), SIM_TOKEN);
  writeFileSync(join(dir, 'ca.crt'), readFileSync(caFile));
  writeFileSync(join(dir, 'namespace'), 'homelab-portal');
  for (const f of ['token', 'ca.crt', 'namespace']) chmodSync(join(dir, f), 0o644);
}

function replicaEnv(replica: Replica, metadataUrl: string): NodeJS.ProcessEnv {
  const port = PORTS[replica];
  const serviceAccountDir = join(DATA_DIR, 'serviceaccount');
  const kubeUrl = `https://127.0.0.1:${PORTS.kube}`;
  return {
    PORTAL_BASE_URL: `http://localhost:${port}`,
    PORTAL_PORT: String(port),
    POSTGRES_HOST: postgres.host,
    POSTGRES_USER: postgres.user,
    POSTGRES_PASSWORD: postgres.password,
    AUTH_SESSION_SECRET: 'replicas-test-session-secret',
    AUTH_OIDC_METADATA_URL: metadataUrl,
    AUTH_OIDC_CLIENT_ID: CLIENT.id,
    AUTH_OIDC_CLIENT_SECRET: CLIENT.secret,
    AUTH_OIDC_ALLOWED_DOMAINS: 'example.org',
    KUBERNETES_URL: kubeUrl,
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: String(PORTS.kube),
    HOMELAB_OLLAMA_URL: `http://127.0.0.1:${PORTS.ollamaProxy}`,
    HOMELAB_DATA_DIR: join(DATA_DIR, replica, 'data'),
    APP_CONFIG_backend_database_prefix: DB_PREFIX,
    APP_CONFIG_homelab_serviceAccountDir: serviceAccountDir,
    APP_CONFIG_homelab_ollama_sampleInterval: `${SAMPLE_INTERVAL_MS / 1000}s`,
    APP_CONFIG_homelab_discovery_schedule: JSON.stringify({ frequency: { seconds: DISCOVERY_INTERVAL_S }, timeout: { seconds: DISCOVERY_INTERVAL_S * 0.8 } }),
    APP_CONFIG_catalog_locations: JSON.stringify([{ type: 'file', target: join(DATA_DIR, 'catalog-info.yaml') }]),
    // The production entry with the folder's CA instead of /var/run/secrets' (not on this machine).
    APP_CONFIG_kubernetes_clusterLocatorMethods: JSON.stringify([
      { type: 'config', clusters: [{ name: 'homelab', url: kubeUrl, authProvider: 'homelabServiceAccount', caFile: join(serviceAccountDir, 'ca.crt') }] },
    ]),
  };
}

async function waitForReadiness(backend: Backend, port: number, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.child.exitCode !== null || backend.child.signalCode !== null) return 'exited';
    try {
      const res = await fetch(`http://127.0.0.1:${port}/.backstage/health/v1/readiness`);
      if (res.status === 200) return 'ready';
    } catch {
      /* not listening yet */
    }
    await sleep(1000);
  }
  const log = backend.output().split('\n').filter(line => !line.includes('"type":"incomingRequest"'));
  throw new Error(`backend on ${port} not ready within ${timeoutMs / 1000}s:\n${log.slice(-40).join('\n')}`);
}

/** The error lines in a backend's log. */
function errorLines(backend: Backend) {
  return backend
    .output()
    .split('\n')
    .filter(line => /"level":"error"/.test(line));
}

async function dropTestDatabases(client: pg.Client) {
  const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${DB_PREFIX}%`]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

async function counts(): Promise<Record<string, number>> {
  return (await fetch(`http://127.0.0.1:${PORTS.admin}/counts`)).json() as Promise<Record<string, number>>;
}

describe('two replicas from the production bundle on one PostgreSQL database', () => {
  let admin: pg.Client;
  let samples: pg.Client;
  let oidc: LoopbackOidc;
  let standIns: { child: ChildProcess };
  let proxy: ReturnType<typeof startOllamaProxy>;
  let ada: SignedIn;
  const backends: Partial<Record<Replica, Backend>> = {};

  /** Starts a replica and waits until it is ready; a replica that exits on the way fails the test. */
  async function bringUp(replica: Replica) {
    const backend = startBundleBackend({ bundleDir: bundle.dir, env: replicaEnv(replica, oidc.metadataUrl), homeDir: join(DATA_DIR, replica, 'home') });
    backends[replica] = backend;
    if ((await waitForReadiness(backend, PORTS[replica])) === 'ready') return;
    const code = backend.child.exitCode ?? backend.child.signalCode;
    throw new Error(`replica ${replica} exited during its start (${code}):\n${errorLines(backend).slice(-10).join('\n')}`);
  }

  async function stop(replica: Replica, signal: 'SIGTERM' | 'SIGKILL') {
    const { child } = backends[replica]!;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async function sampleTimes(after = 0): Promise<number[]> {
    const { rows } = await samples.query('SELECT sampled_at FROM homelab_ollama_samples WHERE sampled_at > $1 ORDER BY sampled_at', [after]);
    return rows.map(r => Number(r.sampled_at));
  }

  /** The first sample stored after `since`, waiting up to `timeoutMs` for it. */
  async function nextSampleAfter(since: number, timeoutMs: number): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [first] = await sampleTimes(since);
      if (first) return first;
      await sleep(250);
    }
    return undefined;
  }

  function api(port: number, path: string) {
    return fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${ada.token}` } });
  }

  before(async () => {
    bundle = await bundleReady;
    admin = new pg.Client({ ...postgres, database: 'postgres' });
    await admin.connect();
    await dropTestDatabases(admin);
    rmSync(DATA_DIR, { recursive: true, force: true });
    mkdirSync(DATA_DIR, { recursive: true });
    for (const replica of ['a', 'b'] as const) {
      unprivilegedFolder(join(DATA_DIR, replica, 'data'));
      unprivilegedFolder(join(DATA_DIR, replica, 'home'));
    }
    writeCatalog(join(DATA_DIR, 'catalog-info.yaml'));
    // The docs' source. TechDocs' generator rewrites mkdocs.yml in its source (sanitised) before
    // each build, so the backends' uid must own it. In a pod the source is that pod's own checkout
    // of the GitOps repository; here one folder stands for both, so the test builds on one replica
    // after the other (below), which no two pods need to.
    cpSync(join(ROOT, 'mkdocs.yml'), join(DATA_DIR, 'portal-docs/mkdocs.yml'));
    cpSync(join(ROOT, 'docs'), join(DATA_DIR, 'portal-docs/docs'), { recursive: true });
    unprivilegedFolder(join(DATA_DIR, 'portal-docs'));
    const caFile = join(DATA_DIR, 'homelab-sim-ca.pem');
    standIns = await startStandIns({ ports: PORTS, token: SIM_TOKEN, caFile, stdio: ['ignore', 'ignore', 'inherit'] });
    writeServiceAccount(join(DATA_DIR, 'serviceaccount'), caFile);
    proxy = startOllamaProxy(`http://127.0.0.1:${PORTS.ollama}`);
    await proxy.listen();
    oidc = await startLoopbackOidc({ port: PORTS.oidc, client: CLIENT, people: [ADA] });
    // Both at once on the freshly dropped database, as a Deployment of 2 replicas starts.
    await Promise.all([bringUp('a'), bringUp('b')]);
    const waited = (['a', 'b'] as const).filter(r => backends[r]!.output().includes('Waiting for another replica to finish starting'));
    console.log(`both replicas ready from one concurrent first start; waited for the other's start: ${waited.join(', ') || 'none'}`);
    samples = new pg.Client({ ...postgres, database: `${DB_PREFIX}homelab` });
    await samples.connect();
  });

  after(async () => {
    await Promise.all((['a', 'b'] as const).filter(r => backends[r]).map(r => stop(r, 'SIGTERM')));
    proxy?.releaseHeld();
    await proxy?.close();
    await oidc?.close();
    if (standIns) await stopAll([standIns.child]);
    await samples?.end();
    if (admin) {
      await dropTestDatabases(admin);
      await admin.end();
    }
  });

  it('both answer: the frontend, and the API with a sign-in made at the other replica', async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const outcome = await signInWithOidc(`http://localhost:${PORTS.a}`, ADA.login);
      if ('token' in outcome) {
        ada = outcome;
        break;
      }
      if (Date.now() > deadline) throw new Error(`sign-in refused: ${outcome.error.message}`);
      await sleep(1000);
    }
    for (const port of [PORTS.a, PORTS.b]) {
      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
      const status = await api(port, '/api/homelab/ollama/status');
      assert.equal(status.status, 200, `${port}: ${await status.text()}`);
    }
  });

  it('starts both together on the empty database with no error logged', () => {
    for (const replica of ['a', 'b'] as const) assert.deepEqual(errorLines(backends[replica]!), [], `replica ${replica} logged errors`);
  });

  it('serves the same TechDocs page through each replica, each built into its own data folder', async () => {
    const article = async (port: number) => {
      // The local builder builds on the first sync (a stream of log events, then finish).
      const sync = await api(port, `/api/techdocs/sync/${DOCS_ENTITY}`);
      const events = await sync.text();
      assert.match(events, /event: finish/, `${port}: the sync answered ${sync.status}: ${events.slice(-600)}`);
      const page = await api(port, `/api/techdocs/static/docs/${DOCS_ENTITY}/${DOCS_PAGE}`);
      const html = await page.text();
      assert.equal(page.status, 200, `${port}: ${html.slice(0, 300)}`);
      const inner = /<article[^>]*>([\s\S]*?)<\/article>/.exec(html)?.[1];
      assert.ok(inner, `${port}: no article in the page`);
      return inner.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    };
    // The entity comes from the catalog file; wait until the catalog has processed it.
    const deadline = Date.now() + 120_000;
    while ((await api(PORTS.a, `/api/catalog/entities/by-name/component/default/homelab-docs`)).status !== 200) {
      if (Date.now() > deadline) {
        const catalog = new pg.Client({ ...postgres, database: `${DB_PREFIX}catalog` });
        await catalog.connect();
        const { rows } = await catalog.query("SELECT entity_ref, errors FROM refresh_state WHERE errors <> '[]' AND errors <> ''");
        await catalog.end();
        assert.fail(`the docs entity did not appear in the catalog; processing errors: ${JSON.stringify(rows).slice(0, 2000)}`);
      }
      await sleep(1000);
    }
    // One after the other: they share the source folder here (see the before hook), not the output.
    const a = await article(PORTS.a);
    const b = await article(PORTS.b);
    // Each built its own copy into its own data folder.
    for (const replica of ['a', 'b'] as const) assert.ok(existsSync(join(DATA_DIR, replica, 'data/techdocs', DOCS_ENTITY, DOCS_PAGE)), `replica ${replica} has no site of its own`);
    assert.match(a, /Deploying the portal/);
    assert.equal(a, b);
  });

  it('runs the sampler and discovery once per interval across both replicas', async () => {
    await fetch(`http://127.0.0.1:${PORTS.admin}/counts/reset`, { method: 'POST' });
    const windowMs = 30_000;
    const since = Date.now();
    await sleep(windowMs);
    const seen = await counts();
    const stored = (await sampleTimes(since)).length;
    const runs = windowMs / SAMPLE_INTERVAL_MS;
    console.log(`in ${windowMs / 1000} s: ${seen[SAMPLER_REQUEST] ?? 0} × ${SAMPLER_REQUEST}, ${seen[DISCOVERY_REQUEST] ?? 0} × ${DISCOVERY_REQUEST}, ${stored} samples stored`);
    // Two replicas each running the tasks would make about twice as many.
    assert.ok(Math.abs((seen[SAMPLER_REQUEST] ?? 0) - runs) <= 1, `sampler: ${JSON.stringify(seen)}`);
    assert.ok(Math.abs(stored - runs) <= 1, `${stored} samples in ${windowMs} ms`);
    const discoveries = windowMs / 1000 / DISCOVERY_INTERVAL_S;
    assert.ok(Math.abs((seen[DISCOVERY_REQUEST] ?? 0) - discoveries) <= 1, `discovery: ${JSON.stringify(seen)}`);
  });

  it('hands the sampler to the other replica when the one sampling is killed in the middle of a run', async () => {
    const clientPort = await proxy.holdNext();
    const pid = pidOfClientPort(clientPort);
    const runner = (['a', 'b'] as const).find(r => backends[r]!.child.pid === pid);
    assert.ok(runner, `the held Ollama request came from pid ${pid}, not from a replica (${backends.a!.child.pid}, ${backends.b!.child.pid})`);
    const killedAt = Date.now();
    await stop(runner, 'SIGKILL');
    proxy.releaseHeld();
    const bound = RESUME_BOUND_MS;
    const next = await nextSampleAfter(killedAt, bound + 2000);
    console.log(`replica ${runner} killed mid-run; the other sampled ${next ? `${((next - killedAt) / 1000).toFixed(1)} s` : 'not'} later (bound ${bound / 1000} s)`);
    const survivor: Replica = runner === 'a' ? 'b' : 'a';
    if (!(next && next - killedAt <= bound)) {
      const { rows } = await samples.query('SELECT * FROM homelab_ollama_sampler_claims ORDER BY slot DESC LIMIT 5');
      const log = backends[survivor]!.output().split('\n').filter(l => /"level":"(warn|error)"|ollama-sampler/.test(l));
      assert.fail(`no sample within ${bound} ms of the kill; the latest claims: ${JSON.stringify(rows)}; replica ${survivor}:\n${log.slice(-15).join('\n')}`);
    }
    await bringUp(runner);
  });

  it('keeps sampling when the other replica is killed at any moment', async () => {
    const victim: Replica = 'b';
    const killedAt = Date.now();
    await stop(victim, 'SIGKILL');
    const bound = RESUME_BOUND_MS;
    const next = await nextSampleAfter(killedAt, bound + 2000);
    console.log(`replica ${victim} killed; sampling went on ${next ? `${((next - killedAt) / 1000).toFixed(1)} s` : 'not'} later`);
    assert.ok(next && next - killedAt <= bound, `no sample within ${bound} ms of killing ${victim}`);
    await bringUp(victim);
  });

  it('writes no sample slot twice', async () => {
    const { rows } = await samples.query('SELECT slot, count(*)::int AS n FROM homelab_ollama_samples GROUP BY slot HAVING count(*) > 1');
    assert.deepEqual(rows, []);
    const { rows: all } = await samples.query('SELECT count(*)::int AS n, count(DISTINCT slot)::int AS slots FROM homelab_ollama_samples');
    assert.ok(all[0].n >= 6, `only ${all[0].n} samples`);
  });

  it('keeps the Ollama history across a restart of both replicas', async () => {
    const history = async (port: number) => {
      const res = await api(port, '/api/homelab/ollama/history?window=1h');
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { points: { at: string }[] }).points.map(p => p.at);
    };
    const before = await history(PORTS.a);
    assert.ok(before.length >= 6, `history before the restart: ${before.length} points`);
    await Promise.all([stop('a', 'SIGTERM'), stop('b', 'SIGTERM')]);
    await Promise.all([bringUp('a'), bringUp('b')]);
    // The sign-in from before the restart still holds: the signing keys are in the database too.
    const afterRestart = await history(PORTS.b);
    for (const at of before) assert.ok(afterRestart.includes(at), `the point at ${at} is gone after the restart`);
  });
});
