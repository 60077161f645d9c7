// `npm start`: the portal on http://localhost:3000 (backend :7007) plus the development
// stand-ins when the configuration points at them. One Ctrl-C stops everything.
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, portOwner, spawnGroup, stopAll } from './lib/processes.mjs';
import { startStandIns } from './lib/standIns.mjs';

const FRONTEND_PORT = 3000;
const BACKEND_PORT = 7007;
const SIM_PORTS = { kube: 7443, ollama: 7434, admin: 7435 };

async function refuseBusyPorts() {
  const backend = await portOwner(BACKEND_PORT, '/.backstage/health/v1/readiness');
  if (backend === 'portal') {
    console.error(
      `The portal is already running: http://localhost:${FRONTEND_PORT} (backend :${BACKEND_PORT}).\n` +
        'Use that one, or stop it (Ctrl-C in its terminal) before starting another.',
    );
    process.exit(1);
  }
  for (const port of [FRONTEND_PORT, BACKEND_PORT]) {
    if ((await portOwner(port)) !== 'free') {
      console.error(
        `Port ${port} is in use by another program; the portal needs it. ` +
          `Find it with: ss -ltnp 'sport = :${port}'`,
      );
      process.exit(1);
    }
  }
}

function wantsStandIns() {
  // The development config falls back to the stand-ins when these are unset.
  return !process.env.KUBERNETES_URL || !process.env.HOMELAB_OLLAMA_URL;
}

async function main() {
  await refuseBusyPorts();
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  const children = [];

  let env = {};
  if (wantsStandIns()) {
    for (const port of Object.values(SIM_PORTS)) {
      if ((await portOwner(port)) !== 'free') {
        console.error(`Port ${port} is in use; the development stand-ins need it. Find it with: ss -ltnp 'sport = :${port}'`);
        process.exit(1);
      }
    }
    console.log('[start] starting the Kubernetes and Ollama stand-ins (packages/homelab-sim)');
    const standIns = await startStandIns({
      ports: SIM_PORTS,
      token: 'homelab-sim-dev-token',
      caFile: join(ROOT, 'data', 'homelab-sim-ca.pem'),
    });
    children.push(standIns.child);
    // A real cluster or Ollama given in the environment wins over its stand-in.
    env = Object.fromEntries(
      Object.entries(standIns.env).filter(([name]) =>
        name.startsWith('KUBERNETES_') ? !process.env.KUBERNETES_URL : !process.env[name],
      ),
    );
  }

  console.log(`[start] starting Backstage: http://localhost:${FRONTEND_PORT} (backend :${BACKEND_PORT})`);
  children.push(
    spawnGroup('backstage', [join(ROOT, 'node_modules/.bin/backstage-cli'), 'repo', 'start'], { env }),
  );

  let stopping = false;
  const shutdown = async code => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping the portal and the stand-ins');
    await stopAll(children);
    process.exit(code);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  for (const child of children) {
    child.on('exit', code => {
      if (!stopping) {
        console.error(`[start] ${child.label} stopped (exit ${code}); stopping the rest`);
        shutdown(code || 1);
      }
    });
  }
}

if (!existsSync(join(ROOT, 'node_modules'))) {
  console.error('Dependencies are missing; run `npm start` (it installs them) rather than this script.');
  process.exit(1);
}
main();
