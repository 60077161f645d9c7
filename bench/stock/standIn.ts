import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StandIn {
  /** Points the portal's kubernetes and homelab.ollama settings at the stand-in. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function waitFor(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `homelab-sim exited (${child.exitCode}) before ${url} answered`,
      );
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      /* not yet listening */
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `homelab-sim did not answer ${url} within ${timeoutMs / 1000}s`,
  );
}

/**
 * packages/homelab-sim on `basePort`..+2, as `npm start` runs it: the portal's backend does its
 * usual start-up work (discovery, the Ollama sampler) against a cluster that answers.
 */
export async function startStandIn(
  root: string,
  basePort: number,
): Promise<StandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'stock-comparison-sim-'));
  const caFile = join(dir, 'ca.pem');
  const token = 'stock-comparison-token';
  const [kube, ollama, admin] = [basePort, basePort + 1, basePort + 2];
  const child = spawn(
    join(root, 'packages/homelab-sim/bin/homelab-sim'),
    [
      '--manifests',
      join(root, 'manifests'),
      '--kube-port',
      `${kube}`,
      '--ollama-port',
      `${ollama}`,
      '--admin-port',
      `${admin}`,
      '--token',
      token,
      '--ca-file',
      caFile,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', process.stderr] },
  );
  const exited = new Promise(r => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`http://127.0.0.1:${admin}/healthz`, child, 60_000);
    if (!existsSync(caFile))
      throw new Error(`homelab-sim did not write its certificate to ${caFile}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    env: {
      KUBERNETES_URL: `https://127.0.0.1:${kube}`,
      KUBERNETES_TOKEN: token,
      KUBERNETES_CA_DATA: readFileSync(caFile).toString('base64'),
      HOMELAB_OLLAMA_URL: `http://127.0.0.1:${ollama}`,
    },
    stop,
  };
}
