// Boots the backend from the production bundle (what the image ships: packages/backend/dist's
// bundle with production dependencies only, scripts/lib/bundle.mjs) as an unprivileged uid, with
// app-config.production.yaml alone against the local PostgreSQL and a loopback OpenID provider:
// readiness, the served frontend, every plugin's migrations, the real sign-in flow for people
// with and without User entities, the production permission policy, no guest sign-in, and the
// missing-variable error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startLoopbackOidc, type LoopbackOidc, type Person } from './support/loopbackOidc.ts';
import { signInWithOidc, type SignedIn } from './support/oidcSignIn.ts';
import { prepareBundle } from '../scripts/lib/bundle.mjs';
import { startBundleBackend, UNPRIVILEGED, unprivilegedFolder } from '../scripts/lib/bundleProcess.mjs';

const ROOT = join(import.meta.dirname, '..');
const PORT = 17100;
const OIDC_PORT = 17101;
const PORTAL = `http://localhost:${PORT}`;
const DB_PREFIX = 'homelab_boot_test_';
const postgres = { host: process.env.POSTGRES_HOST ?? '127.0.0.1', user: process.env.POSTGRES_USER ?? 'postgres', password: process.env.POSTGRES_PASSWORD ?? 'postgres' };
const CLIENT = { id: 'homelab-portal', secret: 'boot-test-client-secret', redirectUri: `${PORTAL}/api/auth/oidc/handler/frame` };
const DATA_DIR = join(ROOT, 'data/production-boot');

// Built (or taken from its cache, data/bundle) once for both suites; a cold build takes minutes.
const bundleStarted = Date.now();
const bundleReady = prepareBundle().then(prepared => {
  console.log(`production bundle ${prepared.cached ? 'from its cache' : 'prepared'} in ${((Date.now() - bundleStarted) / 1000).toFixed(1)} s: ${JSON.stringify(prepared.timings)}`);
  return prepared;
});
let bundle: Awaited<typeof bundleReady>;

// Plugins that keep tables of their own, and so must have run their migrations.
const PLUGINS_WITH_MIGRATIONS = ['auth', 'catalog', 'scaffolder', 'search', 'user-settings', 'events', 'homelab'];

// Who can sign in at the provider. ada and bob have User entities (ada in homelab-admins);
// ada-elsewhere's email names the User ada by its local part, from a domain that is not allowed;
// jane is of an allowed domain but has no User entity.
const ADA: Person = { login: 'ada', email: 'ada@example.org', name: 'Ada' };
const BOB: Person = { login: 'bob', email: 'bob@family.example.org', name: 'Bob' };
const ADA_ELSEWHERE: Person = { login: 'ada-elsewhere', email: 'ada@evil.example', name: 'Not Ada' };
const JANE: Person = { login: 'jane', email: 'jane@example.org', name: 'Jane' };

/** The catalog the production boot reads: the real templates, two Users and the admin group. */
function writeCatalog(dir: string): string {
  const file = join(dir, 'catalog-info.yaml');
  const templates = ['homelab-service', 'compose-migration'].map(t => `    - ${join(ROOT, 'templates', t, 'template.yaml')}`);
  writeFileSync(
    file,
    `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: production-boot }
spec:
  targets:
${templates.join('\n')}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: homelab-admins }
spec: { type: team, children: [], members: [ada] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: family }
spec: { type: team, children: [], members: [bob] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada }
spec: { profile: { email: ${ADA.email} }, memberOf: [homelab-admins] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { profile: { email: ${BOB.email} }, memberOf: [family] }
`,
  );
  return file;
}

function productionEnv(overrides: Record<string, string | undefined> = {}) {
  // Only what a pod would be given: nothing of the test runner's environment leaks in.
  const env: Record<string, string | undefined> = {
    PORTAL_BASE_URL: PORTAL,
    PORTAL_PORT: String(PORT),
    POSTGRES_HOST: postgres.host,
    POSTGRES_USER: postgres.user,
    POSTGRES_PASSWORD: postgres.password,
    AUTH_SESSION_SECRET: 'boot-test-session-secret',
    AUTH_OIDC_METADATA_URL: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
    AUTH_OIDC_CLIENT_ID: CLIENT.id,
    AUTH_OIDC_CLIENT_SECRET: CLIENT.secret,
    // As a person would type it: spaces and capitals are not part of a domain.
    AUTH_OIDC_ALLOWED_DOMAINS: ' Example.org, family.example.org ',
    KUBERNETES_URL: 'https://127.0.0.1:1',
    KUBERNETES_TOKEN: 'boot-test-token',
    HOMELAB_OLLAMA_URL: 'http://127.0.0.1:1',
    HOMELAB_DATA_DIR: join(DATA_DIR, 'data'),
    APP_CONFIG_backend_database_prefix: DB_PREFIX,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

/** A fresh data folder and HOME, owned by the backend's uid. */
function freshDataDir() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  unprivilegedFolder(join(DATA_DIR, 'data'));
  unprivilegedFolder(join(DATA_DIR, 'home'));
}

function startBackend(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  return startBundleBackend({ bundleDir: bundle.dir, env, homeDir: join(DATA_DIR, 'home') });
}

/** SIGTERM, and SIGKILL if the backend is still draining its schedules after a few seconds. */
async function stopBackend(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function dropTestDatabases(client: pg.Client) {
  const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${DB_PREFIX}%`]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

async function waitForReadiness(backend: { child: ChildProcess; output: () => string }, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.child.exitCode !== null) throw new Error(`backend exited (${backend.child.exitCode}):\n${backend.output().slice(-3000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/.backstage/health/v1/readiness`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`backend not ready within ${timeoutMs / 1000}s:\n${backend.output().slice(-3000)}`);
}

/** The catalog reads its file location in the background: sign in once it knows the person. */
async function signInOnceCatalogued(person: Person, timeoutMs = 60_000): Promise<SignedIn> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await signInWithOidc(PORTAL, person.login);
    if ('token' in outcome) return outcome;
    if (!/^No User entity/.test(outcome.error.message) || Date.now() > deadline) {
      throw new Error(`${person.email} was refused: ${outcome.error.message}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** The catalog processes the templates of the file location after the Users: waits for one. */
async function catalogEntity(token: string, path: string, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(token, `/api/catalog/entities/by-name/${path}`);
    if (res.ok) return res.json();
    if (Date.now() > deadline) throw new Error(`${path} is not in the catalog: ${res.status} ${await res.text()}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

function api(token: string | undefined, path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  return fetch(`${PORTAL}${path}`, {
    ...rest,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(json !== undefined && { 'content-type': 'application/json' }),
      ...rest.headers,
    },
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
}

/** Values of the homelab-service form, as the frontend sends them (defaults filled in). */
const SERVICE_VALUES = {
  name: 'miniflux',
  description: 'Feed reader',
  owner: 'group:default/homelab-admins',
  namespaceChoice: 'new',
  newNamespace: 'miniflux',
  podSecurity: 'restricted',
  image: 'ghcr.io/miniflux/miniflux:2.2.6',
  port: 8080,
  healthPath: '/healthcheck',
  hostname: 'rss',
  gatewayName: 'homelab-gateway',
  gatewayNamespace: 'gateway',
  storage: [],
  cpuRequest: '100m',
  memoryRequest: '128Mi',
  memoryLimit: '512Mi',
  runAsUser: 1000,
  secretKeys: ['DATABASE_URL'],
  egressTargets: [],
  usesOllama: false,
  publishTarget: 'local',
};

// Every attempt across the trust boundary that must be refused, and whether it was.
const abuse = { cases: 0, refused: 0 };
function refusedCase(what: string, refused: boolean, detail: string) {
  abuse.cases += 1;
  if (refused) abuse.refused += 1;
  assert.ok(refused, `${what} was not refused: ${detail}`);
}

describe('production configuration on PostgreSQL', () => {
  let admin: pg.Client;
  let oidc: LoopbackOidc;
  let backend: { child: ChildProcess; output: () => string };
  let catalogDir: string;
  let ada: SignedIn;
  let bob: SignedIn;

  before(async () => {
    bundle = await bundleReady;
    admin = new pg.Client({ ...postgres, database: 'postgres' });
    await admin.connect();
    await dropTestDatabases(admin);
    catalogDir = mkdtempSync(join(tmpdir(), 'homelab-production-boot-'));
    chmodSync(catalogDir, 0o755); // the backend's uid reads it
    const catalogFile = writeCatalog(catalogDir);
    freshDataDir();
    oidc = await startLoopbackOidc({ port: OIDC_PORT, client: CLIENT, people: [ADA, BOB, ADA_ELSEWHERE, JANE] });
    backend = startBackend(productionEnv({ APP_CONFIG_catalog_locations: JSON.stringify([{ type: 'file', target: catalogFile }]) }));
    await waitForReadiness(backend, 150_000);
  });

  after(async () => {
    console.log(`production trust boundary: ${abuse.cases} cases, ${abuse.refused} refused`);
    await stopBackend(backend?.child);
    await oidc?.close();
    await dropTestDatabases(admin);
    await admin.end();
    rmSync(catalogDir, { recursive: true, force: true });
  });

  it('answers readiness 200', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/.backstage/health/v1/readiness`);
    assert.equal(res.status, 200);
  });

  it('runs as the unprivileged uid, which cannot change the bundle it runs', async () => {
    const status = readFileSync(`/proc/${backend.child.pid}/status`, 'utf8');
    // setpriv execs node in place, so the child's pid is the backend's.
    assert.match(status, new RegExp(`^Uid:\\s+${UNPRIVILEGED.uid}\\s+${UNPRIVILEGED.uid}\\s`, 'm'));
    // For the Deployment's requests and limits (docs/runbooks/deploying-the-portal.md, Resources).
    console.log(`bundle backend memory after readiness: ${['VmHWM', 'VmRSS'].map(k => status.match(new RegExp(`^${k}:\\s+(.+)$`, 'm'))?.[0]).join(', ')}`);
    const attempt = spawnSync('setpriv', [`--reuid=${UNPRIVILEGED.uid}`, `--regid=${UNPRIVILEGED.gid}`, '--clear-groups', 'touch', join(bundle.entry, 'dist/index.cjs.js'), join(bundle.dir, 'new-file')], { encoding: 'utf8' });
    refusedCase('a write into the bundle by the backend\'s uid', attempt.status !== 0 && /Permission denied/.test(attempt.stderr), attempt.stderr);
  });

  it('serves the built frontend, its scripts included, to anyone', async () => {
    const page = await fetch(`http://127.0.0.1:${PORT}/catalog`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<title>Homelab<\/title>/);
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map(m => m[1]);
    assert.ok(scripts.length > 0, `no script in the page: ${html.slice(0, 500)}`);
    const script = await fetch(new URL(scripts[0], `http://127.0.0.1:${PORT}/`));
    assert.equal(script.status, 200, scripts[0]);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
  });

  it("applied every plugin's migrations in its own PostgreSQL database", async () => {
    const { rows: databases } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${DB_PREFIX}%`]);
    const plugins = databases.map(r => r.datname.slice(DB_PREFIX.length));
    for (const plugin of PLUGINS_WITH_MIGRATIONS) assert.ok(plugins.includes(plugin), `no database for plugin ${plugin} (found: ${plugins.join(', ')})`);
    for (const plugin of PLUGINS_WITH_MIGRATIONS) {
      const db = new pg.Client({ ...postgres, database: `${DB_PREFIX}${plugin}` });
      await db.connect();
      try {
        const { rows } = await db.query(
          "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%knex_migrations' OR table_name LIKE '%migrations'",
        );
        assert.ok(rows.length > 0, `plugin ${plugin} has no migrations table`);
        const table = rows.find(r => r.table_name.endsWith('knex_migrations'))?.table_name ?? rows[0].table_name;
        const applied = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
        assert.ok(applied.rows[0].n > 0, `plugin ${plugin} applied no migrations`);
      } finally {
        await db.end();
      }
    }
  });

  it('refuses unauthenticated calls to the catalog', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/catalog/entities`);
    refusedCase('a catalog read without credentials', res.status === 401, `status ${res.status}`);
  });

  it('gives out no guest token, and takes none', async () => {
    const res = await api(undefined, '/api/auth/guest/refresh', { headers: { 'x-requested-with': 'XMLHttpRequest' } });
    const body = await res.text();
    refusedCase('a guest sign-in', res.status !== 200 && !/"token"/.test(body), `status ${res.status}: ${body.slice(0, 200)}`);
    // What a development portal's guest token looks like, but not signed by this backend.
    const payload = Buffer.from(JSON.stringify({ sub: 'user:development/guest', ent: ['user:development/guest'], exp: 4102444800 })).toString('base64url');
    const forged = `${Buffer.from('{"alg":"ES256","typ":"vnd.backstage.user"}').toString('base64url')}.${payload}.c2lnbmF0dXJl`;
    const read = await api(forged, '/api/catalog/entities');
    refusedCase('a guest token', read.status === 401, `status ${read.status}`);
  });

  it('signs in a member of the admin group through the OpenID provider', async () => {
    ada = await signInOnceCatalogued(ADA);
    assert.equal(ada.userEntityRef, 'user:default/ada');
    assert.ok(ada.ownershipEntityRefs.includes('group:default/homelab-admins'), ada.ownershipEntityRefs.join(', '));
  });

  it('signs in a person outside the admin group', async () => {
    bob = await signInOnceCatalogued(BOB);
    assert.equal(bob.userEntityRef, 'user:default/bob');
    assert.ok(!bob.ownershipEntityRefs.includes('group:default/homelab-admins'), bob.ownershipEntityRefs.join(', '));
  });

  it('refuses ada@ another domain, though the local part names an admin', async () => {
    const outcome = await signInWithOidc(PORTAL, ADA_ELSEWHERE.login);
    const message = 'error' in outcome ? outcome.error.message : '';
    refusedCase('a sign-in from another domain', /ada@evil\.example is not of a domain allowed to sign in/.test(message), JSON.stringify(outcome));
  });

  it('refuses a person without a User entity and says so', async () => {
    const outcome = await signInWithOidc(PORTAL, JANE.login);
    const message = 'error' in outcome ? outcome.error.message : '';
    refusedCase('a sign-in without a User entity', message === 'No User entity for jane@example.org in the catalog; ask an admin to add one', JSON.stringify(outcome));
  });

  it("runs the admin's homelab-service template through render and lint", async () => {
    const template = await catalogEntity(ada.token, 'template/default/homelab-service');
    const res = await api(ada.token, '/api/scaffolder/v2/dry-run', {
      method: 'POST',
      json: { template, values: SERVICE_VALUES, secrets: {}, directoryContents: [] },
    });
    const body = (await res.json()) as { log: { body: { message?: string; stepId?: string; status?: string } }[]; directoryContents: { path: string }[] };
    assert.equal(res.status, 200, `${JSON.stringify(body).slice(0, 2000)}\n${backend.output().split('\n').filter(l => /lint|error/i.test(l)).slice(-30).join('\n')}`);
    const finished = (stepId: string) => body.log.filter(l => l.body.stepId === stepId).map(l => l.body.status);
    assert.ok(finished('render').includes('completed'), `render: ${JSON.stringify(body.log.slice(-10))}`);
    assert.ok(finished('lint').includes('completed'), `lint: ${JSON.stringify(body.log.slice(-10))}`);
    const lintSummary = body.log.map(l => l.body.message ?? '').find(m => /lint: \d+ file\(s\), \d+ error\(s\)/.test(m));
    assert.match(lintSummary ?? '', /, 0 error\(s\)/);
    const files = body.directoryContents.map(f => f.path);
    assert.ok(files.some(f => /^manifests\/(.+\/)?deployment\.yaml$/.test(f)), `rendered: ${files.join(', ')}`);
  });

  it('lets the admin past the permission checks of task creation, location registration and the Kubernetes proxy', async () => {
    // Refused for what it asks (a missing value, a file location, an unreachable cluster), not for who asks.
    const task = await api(ada.token, '/api/scaffolder/v2/tasks', { method: 'POST', json: { templateRef: 'template:default/homelab-service', values: {} } });
    assert.equal(task.status, 400, await task.text());
    const location = await api(ada.token, '/api/catalog/locations', { method: 'POST', json: { type: 'file', target: '/etc/passwd' } });
    assert.notEqual(location.status, 403, await location.text());
    assert.ok(location.status >= 400, `a file location was accepted: ${location.status}`);
    const proxy = await api(ada.token, '/api/kubernetes/proxy/api/v1/namespaces', { headers: { 'backstage-kubernetes-cluster': 'homelab' } });
    assert.notEqual(proxy.status, 403, await proxy.text());
  });

  it('refuses the other person every change and the Kubernetes proxy (403)', async () => {
    const template = await catalogEntity(bob.token, 'template/default/homelab-service');
    // Refused before the catalog looks the location up: no id needs to exist.
    const location = { data: { id: '0b5c7c43-3ad5-4b6e-9a43-6c2a8fdc1f10' } };
    const attempts: [string, Promise<Response>][] = [
      ['task creation', api(bob.token, '/api/scaffolder/v2/tasks', { method: 'POST', json: { templateRef: 'template:default/homelab-service', values: SERVICE_VALUES } })],
      ['a dry run', api(bob.token, '/api/scaffolder/v2/dry-run', { method: 'POST', json: { template, values: SERVICE_VALUES, secrets: {}, directoryContents: [] } })],
      ['location registration', api(bob.token, '/api/catalog/locations', { method: 'POST', json: { type: 'url', target: 'https://git.example.org/homelab/catalog-info.yaml' } })],
      ['location unregistration', api(bob.token, `/api/catalog/locations/${location.data.id}`, { method: 'DELETE' })],
      ['an entity refresh', api(bob.token, '/api/catalog/refresh', { method: 'POST', json: { entityRef: 'user:default/bob' } })],
      ['the Kubernetes proxy', api(bob.token, '/api/kubernetes/proxy/api/v1/namespaces', { headers: { 'backstage-kubernetes-cluster': 'homelab' } })],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt;
      refusedCase(`${what} by a non-admin`, res.status === 403, `status ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
  });

  it('lets the other person read the catalog, the Kubernetes clusters and the homelab API', async () => {
    for (const path of ['/api/catalog/entities/by-name/user/default/ada', '/api/kubernetes/clusters', '/api/homelab/phases']) {
      const res = await api(bob.token, path);
      assert.equal(res.status, 200, `${path}: ${res.status} ${await res.text()}`);
    }
    // The scaffolder applies the policy's isTaskOwner condition: bob started no task.
    const tasks = await api(bob.token, '/api/scaffolder/v2/tasks');
    assert.equal(tasks.status, 200, await tasks.clone().text());
    assert.deepEqual(((await tasks.json()) as { tasks: unknown[] }).tasks, []);
  });
});

describe('production configuration with variables missing', () => {
  it('refuses to start and names them', async () => {
    bundle = await bundleReady;
    freshDataDir();
    const backend = startBackend(productionEnv({ AUTH_OIDC_CLIENT_ID: undefined, AUTH_OIDC_ALLOWED_DOMAINS: undefined, PORTAL_PORT: '17102' }));
    // 'close', not 'exit': the output may still be arriving when the process has exited.
    const code = await new Promise(resolve => backend.child.once('close', resolve));
    assert.notEqual(code, 0);
    assert.match(backend.output(), /Missing environment variables AUTH_OIDC_CLIENT_ID, AUTH_OIDC_ALLOWED_DOMAINS/);
  });
});
