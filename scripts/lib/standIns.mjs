// Starts packages/homelab-sim and returns the environment that points the backend at it, so
// the backend uses the same configuration entries (and TLS verification) as with a real cluster.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, spawnGroup, waitForHttp } from './processes.mjs';

export async function startStandIns({ ports, token, caFile, stdio }) {
  rmSync(caFile, { force: true });
  const child = spawnGroup(
    'homelab-sim',
    [
      join(ROOT, 'packages/homelab-sim/bin/homelab-sim'),
      '--manifests', join(ROOT, 'manifests'),
      '--kube-port', String(ports.kube),
      '--ollama-port', String(ports.ollama),
      '--admin-port', String(ports.admin),
      '--token', token,
      '--ca-file', caFile,
    ],
    { stdio },
  );
  await waitForHttp(`http://127.0.0.1:${ports.admin}/healthz`, 60_000);
  if (!existsSync(caFile)) throw new Error(`homelab-sim did not write its certificate to ${caFile}`);
  return {
    child,
    env: {
      KUBERNETES_URL: `https://127.0.0.1:${ports.kube}`,
      KUBERNETES_TOKEN: token,
      KUBERNETES_CA_DATA: Buffer.from(readFileSync(caFile)).toString('base64'),
      HOMELAB_OLLAMA_URL: `http://127.0.0.1:${ports.ollama}`,
    },
  };
}
