// Starts the stand-ins and a backend serving the built frontend, for the end-to-end tests.
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, spawnGroup, stopAll, waitForHttp } from './processes.mjs';
import { startStandIns } from './standIns.mjs';

// E2E_PORT_OFFSET moves every port and the data folder, so that two portals can run side by side.
const DEFAULT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
const portsAt = offset =>
  Object.fromEntries(
    Object.entries({ backend: 17007, kube: 17443, ollama: 17434, admin: 17435 }).map(([k, v]) => [k, v + offset]),
  );
const SIM_TOKEN = 'homelab-e2e-token';

async function runToEnd(label, argv, cwd) {
  const child = spawnGroup(label, argv, { cwd });
  const code = await new Promise(resolve => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${label} failed (exit ${code})`);
}

// app-config.e2e.yaml names port 17007; Backstage's APP_CONFIG_* variables replace it for an offset.
function backendPortOverrides(offset, port) {
  if (!offset) return {};
  const origin = `http://localhost:${port}`;
  return {
    APP_CONFIG_app_baseUrl: origin,
    APP_CONFIG_backend_baseUrl: origin,
    APP_CONFIG_backend_listen_port: String(port),
    APP_CONFIG_backend_cors_origin: origin,
    APP_CONFIG_backend_reading_allow: JSON.stringify([{ host: `localhost:${port}` }]),
  };
}

/**
 * Options, for a test that needs a portal of its own next to the main one:
 * - offset: its ports and data folder (default E2E_PORT_OFFSET);
 * - extraEnv: more environment for the backend, after the port overrides (APP_CONFIG_*);
 * - buildFrontend: false serves packages/app/dist as the main portal built it.
 */
export async function startTestPortal({ offset = DEFAULT_OFFSET, extraEnv = {}, buildFrontend = true } = {}) {
  const PORTS = portsAt(offset);
  const dataDir = join(ROOT, offset ? `data/e2e-${offset}` : 'data/e2e');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  // The extra phase folder app-config.e2e.yaml lists (the abuse suite's plans inside a trusted root).
  mkdirSync(join(dataDir, 'e2e-plans'), { recursive: true });

  // Portals side by side share packages/app/dist: the build script takes their lock and swaps the
  // new dist into place, so a portal serving the old one keeps serving.
  if (buildFrontend) await runToEnd('frontend build', [process.execPath, join(ROOT, 'scripts/build-frontend.mjs')], ROOT);
  else if (!existsSync(join(ROOT, 'packages/app/dist/index.html'))) {
    throw new Error('buildFrontend: false, but packages/app/dist has no build; start the main e2e portal once (node scripts/e2e-portal.mjs)');
  }

  const standIns = await startStandIns({
    ports: PORTS,
    token: SIM_TOKEN,
    caFile: join(dataDir, 'homelab-sim-ca.pem'),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const children = [standIns.child];
  const env = { HOMELAB_DATA_DIR: dataDir, ...standIns.env, ...backendPortOverrides(offset, PORTS.backend), ...extraEnv };
  // Every request is logged; the test output stays readable and the log is printed on failure.
  const backendLog = join(dataDir, 'logs/backend.log');
  const logFd = openSync(backendLog, 'w');
  children.push(
    spawnGroup(
      'backend',
      [join(ROOT, 'node_modules/.bin/backstage-cli'), 'package', 'start', '--config', '../../app-config.yaml', '--config', '../../app-config.e2e.yaml'],
      { cwd: join(ROOT, 'packages/backend'), env: { ...env, NODE_ENV: 'development' }, stdio: ['ignore', logFd, logFd] },
    ),
  );
  const stop = () => stopAll(children);
  try {
    await waitForHttp(`http://127.0.0.1:${PORTS.backend}/.backstage/health/v1/readiness`, 240_000);
  } catch (e) {
    await stop();
    console.error(readFileSync(backendLog, 'utf8').split('\n').slice(-80).join('\n'));
    throw e;
  }
  const info = {
    E2E_BASE_URL: `http://localhost:${PORTS.backend}`,
    E2E_SIM_ADMIN_URL: `http://127.0.0.1:${PORTS.admin}`,
    E2E_DATA_DIR: dataDir,
    E2E_SCREENSHOTS: join(ROOT, offset ? `e2e-results-${offset}` : 'e2e-results'),
  };
  mkdirSync(info.E2E_SCREENSHOTS, { recursive: true });
  writeFileSync(join(dataDir, 'portal.json'), JSON.stringify(info, null, 2));
  return { env: info, stop, backendLog };
}
