import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  HomelabSim,
  portalConfigData,
  startTestSim,
} from '@internal/homelab-sim';
import { ClusterClient } from './ClusterClient';

// Only Date is faked: client-node re-reads the token file once its last read
// is more than 60 s old, and the stand-in's grace for an old token is 70 s.
const ONLY_DATE = {
  doNotFake: [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ],
} as Parameters<typeof jest.useFakeTimers>[0];

/** Writes a file as the kubelet updates a projected volume: a new file swapped in. */
function writeAtomically(file: string, text: string) {
  fs.writeFileSync(`${file}.new`, text);
  fs.renameSync(`${file}.new`, file);
}

describe('ClusterClient in a pod (service-account token folder, KUBERNETES_SERVICE_HOST/PORT)', () => {
  let sim: HomelabSim;
  let dir: string;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    sim = (await startTestSim()).sim;
  });
  afterAll(() => sim.close());

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sa-'));
    fs.writeFileSync(path.join(dir, 'token'), sim.token);
    fs.writeFileSync(path.join(dir, 'ca.crt'), sim.kubeCaPem);
    fs.writeFileSync(path.join(dir, 'namespace'), 'homelab-portal');
    const { hostname, port } = new URL(sim.kubeUrl);
    process.env.KUBERNETES_SERVICE_HOST = hostname;
    process.env.KUBERNETES_SERVICE_PORT = port;
    jest.useFakeTimers(ONLY_DATE);
  });
  afterEach(() => {
    jest.useRealTimers();
    process.env = { ...savedEnv };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The production cluster entry: no token, no CA, the in-cluster service name. */
  const podConfig = () =>
    new ConfigReader(
      portalConfigData(
        sim,
        { serviceAccountDir: dir },
        {
          url: 'https://kubernetes.default.svc',
          authProvider: 'homelabServiceAccount',
          serviceAccountToken: '',
          caData: '',
        },
      ),
    );

  it('reads nodes, pods and metrics with the pod token and CA', async () => {
    const client = ClusterClient.fromConfig(podConfig());
    expect(client.server).toBe(sim.kubeUrl);
    expect((await client.listNodes()).map(n => n.metadata.name)).toEqual([
      'node-1',
      'node-2',
      'node-3',
    ]);
    const pods = await client.listPods('ai', 'app.kubernetes.io/name=ollama');
    expect(pods.length).toBeGreaterThan(0);
    const metrics = await client.listPodMetrics(
      'ai',
      'app.kubernetes.io/name=ollama',
    );
    expect(metrics[0].containers[0].usage.memory).toBeTruthy();
  });

  it('keeps loading pods after the token file is rotated and the old token is refused', async () => {
    const client = ClusterClient.fromConfig(podConfig());
    const oldToken = sim.token;
    await expect(client.listPods('ai')).resolves.not.toHaveLength(0);

    writeAtomically(path.join(dir, 'token'), 'rotated-token');
    sim.rotateToken('rotated-token');
    await expect(client.listPods('ai')).resolves.not.toHaveLength(0);

    jest.setSystemTime(Date.now() + 71_000);
    const withOldToken = ClusterClient.fromConfig(
      new ConfigReader(
        portalConfigData(sim, {}, { serviceAccountToken: oldToken }),
      ),
    );
    await expect(withOldToken.listPods('ai')).rejects.toThrow(
      'the service account token was refused',
    );
    await expect(client.listPods('ai')).resolves.not.toHaveLength(0);
  });

  it('reports a refused token once per token, naming the cluster and the token file', async () => {
    writeAtomically(path.join(dir, 'token'), 'not-the-token');
    const logger = mockServices.logger.mock();
    const client = ClusterClient.fromConfig(podConfig(), { logger });
    const message = `Kubernetes cluster homelab at ${
      sim.kubeUrl
    }: the service account token was refused (401 Unauthorized); the portal sends ${path.join(
      dir,
      'token',
    )}`;
    for (let i = 0; i < 3; i++) {
      await expect(client.listNodes()).rejects.toThrow(message);
    }
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining(message));

    writeAtomically(path.join(dir, 'token'), 'still-not-the-token');
    jest.setSystemTime(Date.now() + 61_000);
    await expect(client.listNodes()).rejects.toThrow(message);
    await expect(client.listNodes()).rejects.toThrow(message);
    expect(logger.error).toHaveBeenCalledTimes(2);

    writeAtomically(path.join(dir, 'token'), sim.token);
    jest.setSystemTime(Date.now() + 61_000);
    await expect(client.listNodes()).resolves.toHaveLength(3);
  });

  it('reports a refused token once across the clients of one cluster (each plugin has its own)', async () => {
    writeAtomically(path.join(dir, 'token'), 'refused-for-two-clients');
    const logger = mockServices.logger.mock();
    const clients = [1, 2].map(() =>
      ClusterClient.fromConfig(podConfig(), { logger }),
    );
    for (const client of [...clients, ...clients]) {
      await expect(client.listNodes()).rejects.toThrow(/token was refused/);
    }
    expect(logger.error).toHaveBeenCalledTimes(1);

    // Accepted in between: a token refused later is news again.
    writeAtomically(path.join(dir, 'token'), sim.token);
    jest.setSystemTime(Date.now() + 61_000);
    await expect(clients[0].listNodes()).resolves.toHaveLength(3);
    writeAtomically(path.join(dir, 'token'), 'refused-for-two-clients');
    jest.setSystemTime(Date.now() + 61_000);
    await expect(clients[1].listNodes()).rejects.toThrow(/token was refused/);
    expect(logger.error).toHaveBeenCalledTimes(2);
  });

  it('uses the token written in the cluster entry over the pod token', async () => {
    writeAtomically(path.join(dir, 'token'), 'not-the-token');
    const client = ClusterClient.fromConfig(
      new ConfigReader(portalConfigData(sim, { serviceAccountDir: dir })),
    );
    await expect(client.listNodes()).resolves.toHaveLength(3);
  });

  it('uses the entry settings outside a pod even when the folder exists', async () => {
    delete process.env.KUBERNETES_SERVICE_HOST;
    const client = ClusterClient.fromConfig(podConfig());
    await expect(client.listNodes()).rejects.toThrow(
      /^Kubernetes cluster homelab is unreachable at https:\/\/kubernetes\.default\.svc|^Kubernetes cluster homelab at https:\/\/kubernetes\.default\.svc requires a token/,
    );
  });
});
