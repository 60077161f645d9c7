// Boots the backend with app-config.production.yaml alone against the local PostgreSQL:
// readiness, every plugin's migrations, no guest sign-in, and the missing-variable error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';

const ROOT = join(import.meta.dirname, '..');
const PORT = 17100;
const OIDC_PORT = 17101;
const DB_PREFIX = 'homelab_boot_test_';
const postgres = { host: process.env.POSTGRES_HOST ?? '127.0.0.1', user: process.env.POSTGRES_USER ?? 'postgres', password: process.env.POSTGRES_PASSWORD ?? 'postgres' };

// Plugins that keep tables of their own, and so must have run their migrations.
const PLUGINS_WITH_MIGRATIONS = ['auth', 'catalog', 'scaffolder', 'search', 'user-settings', 'events', 'homelab'];

function productionEnv(overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    PORTAL_BASE_URL: `http://localhost:${PORT}`,
    PORTAL_PORT: String(PORT),
    POSTGRES_HOST: postgres.host,
    POSTGRES_USER: postgres.user,
    POSTGRES_PASSWORD: postgres.password,
    AUTH_SESSION_SECRET: 'boot-test-session-secret',
    AUTH_OIDC_METADATA_URL: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
    AUTH_OIDC_CLIENT_ID: 'homelab-portal',
    AUTH_OIDC_CLIENT_SECRET: 'boot-test-client-secret',
    KUBERNETES_URL: 'https://127.0.0.1:1',
    KUBERNETES_TOKEN: 'boot-test-token',
    HOMELAB_OLLAMA_URL: 'http://127.0.0.1:1',
    HOMELAB_DATA_DIR: join(ROOT, 'data/production-boot'),
    APP_CONFIG_backend_database_prefix: DB_PREFIX,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

function startBackend(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--require', '@backstage/cli/config/nodeTransform.cjs', 'src/index.ts', '--config', '../../app-config.production.yaml'], {
    cwd: join(ROOT, 'packages/backend'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  return { child, output: () => output };
}

async function dropTestDatabases(client: pg.Client) {
  const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${DB_PREFIX}%`]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

/** A minimal OpenID provider discovery document, as Authentik or Keycloak would serve. */
function startOidcDiscovery(): Promise<Server> {
  const issuer = `http://127.0.0.1:${OIDC_PORT}`;
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    }));
  });
  return new Promise(resolve => server.listen(OIDC_PORT, '127.0.0.1', () => resolve(server)));
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

describe('production configuration on PostgreSQL', () => {
  let admin: pg.Client;
  let oidc: Server;
  let backend: { child: ChildProcess; output: () => string };

  before(async () => {
    admin = new pg.Client({ ...postgres, database: 'postgres' });
    await admin.connect();
    await dropTestDatabases(admin);
    oidc = await startOidcDiscovery();
    backend = startBackend(productionEnv());
    await waitForReadiness(backend, 180_000);
  });

  after(async () => {
    backend?.child.kill('SIGTERM');
    await new Promise(r => backend?.child.once('exit', r) ?? r(undefined));
    oidc?.close();
    await dropTestDatabases(admin);
    await admin.end();
  });

  it('answers readiness 200', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/.backstage/health/v1/readiness`);
    assert.equal(res.status, 200);
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

  it('offers no guest sign-in', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
    assert.notEqual(res.status, 200);
    assert.doesNotMatch(await res.text(), /"identity"/);
  });

  it('refuses unauthenticated calls to the catalog', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/catalog/entities`);
    assert.equal(res.status, 401);
  });

  it('starts the OIDC sign-in against the configured provider', async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/oidc/start?env=production`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.match(res.headers.get('location') ?? '', new RegExp(`^http://127.0.0.1:${OIDC_PORT}/authorize\\?`));
  });
});

describe('production configuration with a variable missing', () => {
  it('refuses to start and names the variable', async () => {
    const backend = startBackend(productionEnv({ AUTH_OIDC_CLIENT_ID: undefined, PORTAL_PORT: '17102' }));
    const code = await new Promise(resolve => backend.child.once('exit', resolve));
    assert.notEqual(code, 0);
    assert.match(backend.output(), /Missing environment variable AUTH_OIDC_CLIENT_ID/);
  });
});
