// Boots the backend from the production bundle (what the image ships: packages/backend/dist's
// bundle with production dependencies only, scripts/lib/bundle.mjs) as an unprivileged uid, with
// app-config.production.yaml alone, as a pod runs it: the local PostgreSQL, a loopback OpenID
// provider, the GitOps remote on the loopback forge (the catalog comes from its checkout, the
// template run pushes a branch there and opens a pull request) and the stand-in cluster reached
// in-cluster (a service-account folder and KUBERNETES_SERVICE_HOST/PORT, no token variable).
// Checks readiness, the served frontend, every plugin's migrations, the real sign-in flow for
// people with and without User entities, the production permission policy, no guest sign-in,
// pods, metrics and nodes from the cluster, and the missing-variable and wrong-token errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startLoopbackOidc, type LoopbackOidc, type Person } from './support/loopbackOidc.ts';
import { signInWithOidc, type SignedIn } from './support/oidcSignIn.ts';
import { GITOPS_OWNER, GITOPS_REPO, startGitopsForge, type GitopsForge } from './support/gitopsForge.ts';
import { prepareBundle } from '../scripts/lib/bundle.mjs';
import { startBundleBackend, UNPRIVILEGED, unprivilegedFolder } from '../scripts/lib/bundleProcess.mjs';
import { stopAll } from '../scripts/lib/processes.mjs';
import { startStandIns } from '../scripts/lib/standIns.mjs';

const ROOT = join(import.meta.dirname, '..');
const PORT = 17100;
const OIDC_PORT = 17101;
const PORTAL = `http://localhost:${PORT}`;
const DB_PREFIX = 'homelab_boot_test_';
const postgres = { host: process.env.POSTGRES_HOST ?? '127.0.0.1', user: process.env.POSTGRES_USER ?? 'postgres', password: process.env.POSTGRES_PASSWORD ?? 'postgres' };
const CLIENT = { id: 'homelab-portal', secret: 'boot-test-client-secret', redirectUri: `${PORTAL}/api/auth/oidc/handler/frame` };
const DATA_DIR = join(ROOT, 'data/production-boot');
const SERVICE_ACCOUNT_DIR = join(DATA_DIR, 'serviceaccount');
// The stand-in cluster (its API server, Ollama and admin API) and the service account it accepts.
const SIM_PORTS = { kube: 17103, ollama: 17104, admin: 17105 };
const SIM_TOKEN = 'boot-test-service-account-token';
// The forge account the portal pushes and opens pull requests as.
const FORGE_USER = { username: 'homelab-portal', password: 'boot-test-forge-token' };

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

/** The GitOps repository's own entities beside the templates: two Users, their groups, and Ollama. */
const CATALOG_YAML = `apiVersion: backstage.io/v1alpha1
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
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ollama
  annotations:
    backstage.io/kubernetes-label-selector: app.kubernetes.io/name=ollama
spec: { type: service, lifecycle: production, owner: group:default/homelab-admins }
`;

// Started once for every suite (the top-level before).
let forge: GitopsForge;
let cluster: Awaited<ReturnType<typeof startStandIns>>;
let simDir: string;

/** The service-account folder a pod has: token, CA and namespace (readable by the backend's uid). */
function writeServiceAccount(token: string) {
  mkdirSync(SERVICE_ACCOUNT_DIR, { recursive: true });
  chmodSync(SERVICE_ACCOUNT_DIR, 0o755);
  writeFileSync(join(SERVICE_ACCOUNT_DIR, 'token'), token);
  writeFileSync(join(SERVICE_ACCOUNT_DIR, 'ca.crt'), readFileSync(join(simDir, 'ca.crt')));
  writeFileSync(join(SERVICE_ACCOUNT_DIR, 'namespace'), 'portal');
  for (const f of ['token', 'ca.crt', 'namespace']) chmodSync(join(SERVICE_ACCOUNT_DIR, f), 0o644);
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
    // What the kubelet gives every pod; the token and CA are the folder's.
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: String(SIM_PORTS.kube),
    APP_CONFIG_homelab_serviceAccountDir: SERVICE_ACCOUNT_DIR,
    HOMELAB_OLLAMA_URL: cluster?.env.HOMELAB_OLLAMA_URL,
    HOMELAB_GITOPS_REMOTE: forge?.remote,
    HOMELAB_GITOPS_PROVIDER: 'gitea',
    APP_CONFIG_integrations_gitea: forge?.integration(),
    HOMELAB_DATA_DIR: join(DATA_DIR, 'data'),
    APP_CONFIG_backend_database_prefix: DB_PREFIX,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

/** A fresh data folder and HOME, owned by the backend's uid, and the pod's service account. */
function freshDataDir(token = SIM_TOKEN) {
  rmSync(DATA_DIR, { recursive: true, force: true });
  unprivilegedFolder(join(DATA_DIR, 'data'));
  unprivilegedFolder(join(DATA_DIR, 'home'));
  writeServiceAccount(token);
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

type Task = { status: string };
type TaskEvent = { type: string; body: { message?: string; output?: { links?: { title?: string; url?: string }[] } } };

/** Polls a scaffolder task until it is no longer open or processing. */
async function finishedTask(token: string, id: string, timeoutMs = 120_000): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = (await (await api(token, `/api/scaffolder/v2/tasks/${id}`)).json()) as Task;
    if (!['open', 'processing'].includes(task.status) || Date.now() > deadline) return task;
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function taskEvents(token: string, id: string): Promise<TaskEvent[]> {
  return (await (await api(token, `/api/scaffolder/v2/tasks/${id}/events`)).json()) as TaskEvent[];
}

/** The messages of a task's event log. */
async function taskLog(token: string, id: string): Promise<string[]> {
  return (await taskEvents(token, id)).map(e => e.body.message ?? '');
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
};

// Every attempt across the trust boundary that must be refused, and whether it was.
const abuse = { cases: 0, refused: 0 };
function refusedCase(what: string, refused: boolean, detail: string) {
  abuse.cases += 1;
  if (refused) abuse.refused += 1;
  assert.ok(refused, `${what} was not refused: ${detail}`);
}

before(async () => {
  bundle = await bundleReady;
  simDir = mkdtempSync(join(tmpdir(), 'homelab-production-boot-sim-'));
  cluster = await startStandIns({ ports: SIM_PORTS, token: SIM_TOKEN, caFile: join(simDir, 'ca.crt'), stdio: 'ignore' });
  forge = await startGitopsForge({ ...FORGE_USER, templates: ['homelab-service', 'compose-migration'], catalogYaml: CATALOG_YAML });
});

after(async () => {
  if (cluster) await stopAll([cluster.child]);
  await forge?.close();
  if (simDir) rmSync(simDir, { recursive: true, force: true });
});

describe('production configuration on PostgreSQL', () => {
  let admin: pg.Client;
  let oidc: LoopbackOidc;
  let backend: { child: ChildProcess; output: () => string };
  let ada: SignedIn;
  let bob: SignedIn;

  before(async () => {
    admin = new pg.Client({ ...postgres, database: 'postgres' });
    await admin.connect();
    await dropTestDatabases(admin);
    freshDataDir();
    oidc = await startLoopbackOidc({ port: OIDC_PORT, client: CLIENT, people: [ADA, BOB, ADA_ELSEWHERE, JANE] });
    backend = startBackend(productionEnv());
    await waitForReadiness(backend, 150_000);
  });

  after(async () => {
    console.log(`production trust boundary: ${abuse.cases} cases, ${abuse.refused} refused`);
    await stopBackend(backend?.child);
    await oidc?.close();
    await dropTestDatabases(admin);
    await admin.end();
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

  it('reads the catalog from the GitOps checkout: the templates and people of the remote', async () => {
    // Signed in above: the Users came from the remote's catalog-info.yaml through the checkout.
    const template = (await catalogEntity(ada.token, 'template/default/homelab-service')) as { metadata: { annotations: Record<string, string> } };
    // Read from the clone under the data folder, not from the image's templates/.
    const location = template.metadata.annotations['backstage.io/managed-by-location'] ?? '';
    assert.ok(location.startsWith(`file:${join(DATA_DIR, 'data')}/`) && location.endsWith('/templates/homelab-service/template.yaml'), JSON.stringify(template.metadata.annotations));
  });

  it("publishes the admin's homelab-service run to the GitOps remote: branch scaffold/miniflux and a Gitea pull request", async () => {
    const created = await api(ada.token, '/api/scaffolder/v2/tasks', { method: 'POST', json: { templateRef: 'template:default/homelab-service', values: SERVICE_VALUES } });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };
    const task = await finishedTask(ada.token, id);
    assert.equal(task.status, 'completed', `${JSON.stringify(task).slice(0, 1500)}\n${(await taskLog(ada.token, id)).slice(-15).join('\n')}`);
    // On the server: the branch with the rendered files at the default layout's paths.
    const files = forge.git('ls-tree', '-r', '--name-only', 'refs/heads/scaffold/miniflux').split('\n');
    assert.ok(files.includes('manifests/miniflux/miniflux/deployment.yaml'), files.join(', '));
    assert.ok(files.includes('catalog-info.yaml'), 'the base branch is the branch point');
    assert.equal(forge.git('log', '-1', '--format=%ae', 'refs/heads/scaffold/miniflux'), ADA.email);
    const pulls = forge.server.pulls.filter(p => p.head.ref === 'scaffold/miniflux');
    assert.equal(pulls.length, 1, JSON.stringify(forge.server.pulls));
    assert.equal(pulls[0].base.ref, 'main');
    assert.equal(pulls[0].user.login, FORGE_USER.username);
    assert.match(pulls[0].body, /manifests\/miniflux\/miniflux\/deployment\.yaml/);
    // The task page's "Pull request" link.
    const completion = (await taskEvents(ada.token, id)).find(e => e.type === 'completion');
    assert.equal(completion?.body.output?.links?.find(l => l.title === 'Pull request')?.url, pulls[0].html_url, JSON.stringify(completion?.body));
    // The GitOps repository's CI would lint what was pushed: the homelab CLI on the branch's manifests.
    const tree = mkdtempSync(join(tmpdir(), 'homelab-pushed-'));
    try {
      const archive = spawnSync('git', ['-C', forge.server.repoPath(GITOPS_OWNER, GITOPS_REPO), 'archive', 'refs/heads/scaffold/miniflux', 'manifests/miniflux'], { maxBuffer: 64 * 1024 * 1024 });
      assert.equal(archive.status, 0, String(archive.stderr));
      assert.equal(spawnSync('tar', ['-x', '-C', tree], { input: archive.stdout }).status, 0);
      const lint = spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/homelab'), 'lint', '--format', 'json', join(tree, 'manifests')], { encoding: 'utf8' });
      assert.equal(JSON.parse(lint.stdout).summary.error, 0, lint.stdout.slice(0, 2000));
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('refuses a second run with the same name through the REST API and leaves the remote as it was', async () => {
    const before = forge.server.lsRemote(GITOPS_OWNER, GITOPS_REPO);
    const pullsBefore = forge.server.pulls.length;
    const created = await api(ada.token, '/api/scaffolder/v2/tasks', { method: 'POST', json: { templateRef: 'template:default/homelab-service', values: SERVICE_VALUES } });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };
    const task = await finishedTask(ada.token, id);
    assert.equal(task.status, 'failed', JSON.stringify(task).slice(0, 1500));
    const log = (await taskLog(ada.token, id)).join('\n');
    assert.match(log, /the branch scaffold\/miniflux already exists/);
    assert.equal(forge.server.lsRemote(GITOPS_OWNER, GITOPS_REPO), before);
    assert.equal(forge.server.pulls.length, pullsBefore);
  });

  it("loads an entity's pods with their metrics through the Kubernetes plugin, in-cluster", async () => {
    // What the Kubernetes tab of the Ollama component (in the remote's catalog-info.yaml) asks for.
    const entity = await catalogEntity(bob.token, 'component/default/ollama');
    const res = await api(bob.token, '/api/kubernetes/services/ollama', { method: 'POST', json: { entity, auth: {} } });
    const body = (await res.json()) as { items: { cluster: { name: string }; errors: unknown[]; podMetrics: unknown[]; resources: { type: string; resources: { metadata: { name: string } }[] }[] }[] };
    assert.equal(res.status, 200, JSON.stringify(body));
    const [homelab] = body.items;
    assert.equal(homelab?.cluster.name, 'homelab', JSON.stringify(body).slice(0, 1000));
    assert.deepEqual(homelab.errors, [], JSON.stringify(homelab.errors));
    const pods = homelab.resources.find(r => r.type === 'pods')?.resources ?? [];
    assert.ok(pods.length > 0 && pods.every(p => /ollama/.test(p.metadata.name)), JSON.stringify(homelab.resources).slice(0, 800));
    assert.ok(homelab.podMetrics.length > 0, 'no pod metrics');
  });

  it("reads Ollama's pod and its metrics for the homelab API's status", async () => {
    const deadline = Date.now() + 90_000;
    let status: { hasData: boolean; pod?: { name: string; cpuMillicores: { used?: number }; memoryBytes: { used?: number } }; podError?: string } | undefined;
    while (Date.now() < deadline) {
      const res = await api(bob.token, '/api/homelab/ollama/status');
      assert.equal(res.status, 200);
      status = (await res.json()) as typeof status;
      if (status?.pod) break;
      await new Promise(r => setTimeout(r, 2000));
    }
    assert.ok(status?.pod, JSON.stringify(status));
    assert.equal(status.podError, undefined);
    assert.match(status.pod.name, /ollama/);
    assert.equal(typeof status.pod.cpuMillicores.used, 'number', JSON.stringify(status.pod));
    assert.equal(typeof status.pod.memoryBytes.used, 'number', JSON.stringify(status.pod));
  });

  it("lists the cluster's nodes in the catalog (discovery)", async () => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const res = await api(bob.token, '/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubernetes-node');
      const { items } = (await res.json()) as { items: { metadata: { name: string } }[] };
      if (items.length > 0) break;
      assert.ok(Date.now() < deadline, 'no kubernetes-node Resource within 120 s');
      await new Promise(r => setTimeout(r, 2000));
    }
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

describe('production configuration in a pod whose credentials the cluster and the forge refuse', () => {
  it('reports the refused token once and the refused forge password, naming where to fix them, and never either secret', async () => {
    const admin = new pg.Client({ ...postgres, database: 'postgres' });
    await admin.connect();
    await dropTestDatabases(admin);
    const wrongToken = 'boot-test-revoked-token';
    const wrongPassword = 'boot-test-revoked-forge-token';
    freshDataDir(wrongToken);
    // Discovery and the sampler call the cluster from the start; short intervals make several calls.
    const backend = startBackend(productionEnv({ PORTAL_PORT: '17102', APP_CONFIG_homelab_ollama_sampleInterval: '5s', APP_CONFIG_integrations_gitea: forge.integration(wrongPassword) }));
    const refusals = () => backend.output().split('\n').filter(line => /the service account token was refused \(401 Unauthorized\); the portal sends \S+serviceaccount\/token/.test(line));
    const kubeCalls = async () => Object.entries((await (await fetch(`http://127.0.0.1:${SIM_PORTS.admin}/counts`)).json()) as Record<string, number>)
      .filter(([request]) => request.startsWith('kube ')).reduce((sum, [, n]) => sum + n, 0);
    try {
      const deadline = Date.now() + 150_000;
      while (refusals().length === 0) {
        assert.ok(backend.child.exitCode === null, backend.output().slice(-3000));
        assert.ok(Date.now() < deadline, `no refusal reported:\n${backend.output().slice(-3000)}`);
        await new Promise(r => setTimeout(r, 1000));
      }
      // Several more refused calls with the same token: still one report.
      const seen = await kubeCalls();
      while ((await kubeCalls()) < seen + 3) {
        assert.ok(Date.now() < deadline, 'the backend stopped calling the cluster');
        await new Promise(r => setTimeout(r, 1000));
      }
      // One error for the process (the homelab plugin's clients and the catalog's share it); the
      // warnings of what stays stale (snapshot, discovered entities) each name the cause once.
      const errors = refusals().filter(line => /"level":"error"/.test(line));
      assert.equal(errors.length, 1, refusals().join('\n'));
      assert.match(errors[0], new RegExp(`the portal sends ${join(SERVICE_ACCOUNT_DIR, 'token')} .*check the pod's serviceAccountName`));
      assert.equal(new Set(refusals()).size, refusals().length, `repeated:\n${refusals().join('\n')}`);
      assert.ok(!backend.output().includes(wrongToken), 'the token is in the log');
      // The catalog's checkout of the GitOps remote, cloned at start.
      assert.match(backend.output(), /the GitOps repository \S+ refused the credentials of integrations\.gitea\[0\] \(127\.0\.0\.1:\d+\); check the username and the password or token there/);
      assert.ok(!backend.output().includes(wrongPassword), 'the forge password is in the log');
    } finally {
      await stopBackend(backend.child);
      await dropTestDatabases(admin);
      await admin.end();
    }
  });
});
