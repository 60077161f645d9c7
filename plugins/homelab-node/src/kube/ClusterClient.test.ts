import http from 'node:http';
import net from 'node:net';
import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import { simConfig } from '../__testUtils__/simConfig';
import { startStuckServer } from '../__testUtils__/stuckServer';
import { ClusterClient } from './ClusterClient';

describe('ClusterClient against the stand-in API server', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    sim = (await startTestSim()).sim;
  });
  afterAll(() => sim.close());

  it('lists nodes, namespaces and pods over TLS verified with caData', async () => {
    const client = ClusterClient.fromConfig(simConfig(sim));
    const nodes = await client.listNodes();
    expect(nodes.map(n => n.metadata.name)).toEqual([
      'node-1',
      'node-2',
      'node-3',
    ]);
    expect(nodes[0].status?.capacity?.cpu).toBe('12');

    const namespaces = (await client.listNamespaces()).map(
      n => n.metadata.name,
    );
    expect(namespaces).toEqual(
      expect.arrayContaining(['ai', 'karakeep', 'kube-system']),
    );

    const pods = await client.listPods('ai', 'app.kubernetes.io/name=ollama');
    expect(pods.length).toBeGreaterThan(0);
    expect(
      pods.every(
        p => p.metadata.labels?.['app.kubernetes.io/name'] === 'ollama',
      ),
    ).toBe(true);
  });

  it('lists the pods of every namespace in one cluster-wide list', async () => {
    const client = ClusterClient.fromConfig(simConfig(sim));
    const before = sim.requestCounts()['kube GET /api/v1/pods'] ?? 0;
    const pods = await client.listAllPods();
    const namespaces = new Set(pods.map(p => p.metadata.namespace));
    expect([...namespaces]).toEqual(
      expect.arrayContaining(['ai', 'karakeep']),
    );
    const ai = await client.listPods('ai');
    expect(pods.filter(p => p.metadata.namespace === 'ai').length).toBe(
      ai.length,
    );
    expect(sim.requestCounts()['kube GET /api/v1/pods']).toBe(before + 1);
  });

  it('reads a deployment and the pod metrics of Ollama', async () => {
    const client = ClusterClient.fromConfig(simConfig(sim));
    const deployment = await client.getDeployment('ai', 'ollama');
    expect(deployment.metadata.name).toBe('ollama');
    expect(deployment.status?.readyReplicas).toBe(1);

    const metrics = await client.listPodMetrics(
      'ai',
      'app.kubernetes.io/name=ollama',
    );
    expect(metrics).toHaveLength(1);
    expect(metrics[0].containers[0].usage.memory).toMatch(/Ki|Mi|Gi|^\d+$/);
  });

  it('says the token was refused on a 401', async () => {
    const client = ClusterClient.fromConfig(
      simConfig(sim, { serviceAccountToken: 'wrong' }),
    );
    await expect(client.listNodes()).rejects.toThrow(
      `Kubernetes cluster homelab at ${sim.kubeUrl}: the service account token was refused (401 Unauthorized); check kubernetes.clusterLocatorMethods[].clusters[name=homelab].serviceAccountToken`,
    );
  });

  it('reports a missing object as not found', async () => {
    const client = ClusterClient.fromConfig(simConfig(sim));
    await expect(client.getDeployment('ai', 'nope')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('refuses the self-signed certificate without caData, and accepts it with skipTLSVerify', async () => {
    const unverified = ClusterClient.fromConfig(simConfig(sim, { caData: '' }));
    await expect(unverified.listNodes()).rejects.toThrow(
      /presented a certificate that could not be verified .*set caData/,
    );
    const skipping = ClusterClient.fromConfig(
      simConfig(sim, { caData: '', skipTLSVerify: true }),
    );
    await expect(skipping.listNodes()).resolves.toHaveLength(3);
  });

  it('says the cluster is unreachable when the connection is refused', async () => {
    const url = `https://127.0.0.1:${await closedPort()}`;
    const client = ClusterClient.fromConfig(
      simConfig({ ...sim, kubeUrl: url }),
    );
    await expect(client.listNamespaces()).rejects.toThrow(
      `Kubernetes cluster homelab is unreachable at ${url} (connection refused)`,
    );
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('ClusterClient against an API server that hangs', () => {
  const limits = { timeoutMs: 300, maxBytes: 256 * 1024 };
  const client = (url: string) =>
    new ClusterClient({ name: 'homelab', url, skipTLSVerify: true, limits });

  it('gives up on a server that accepts and never answers, naming the host and the timeout', async () => {
    const server = await startStuckServer('silent');
    try {
      await expect(client(server.url).listNodes()).rejects.toThrow(
        `Kubernetes cluster homelab at ${
          new URL(server.url).host
        } did not answer within 0.3 s; the call was aborted (limit homelab.clusterRequests.timeout)`,
      );
    } finally {
      await server.close();
    }
  });

  it('abandons a list whose server hands out continue tokens forever', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [{}], metadata: { continue: 'more' } }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      await expect(
        client(`http://127.0.0.1:${port}`).listNamespaces(),
      ).rejects.toThrow(
        /^Kubernetes cluster homelab at 127\.0\.0\.1:\d+ did not finish listing \/api\/v1\/namespaces within 0\.3 s \(\d+ items so far\); the list was abandoned \(limit homelab\.clusterRequests\.timeout\)$/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('abandons a list whose pages together pass the byte cap', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const items = Array.from({ length: 100 }, () => ({
        pad: 'x'.repeat(1000),
      }));
      res.end(JSON.stringify({ items, metadata: { continue: 'more' } }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const big = new ClusterClient({
        name: 'homelab',
        url: `http://127.0.0.1:${port}`,
        skipTLSVerify: true,
        limits: { timeoutMs: 60_000, maxBytes: 256 * 1024 },
      });
      await expect(big.listNodes()).rejects.toThrow(
        /sent more than 256 KiB across the pages of \/api\/v1\/nodes; the list was abandoned \(limit homelab\.clusterRequests\.maxBytes\)$/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('stops reading a server that streams forever at the byte cap', async () => {
    const server = await startStuckServer('endless');
    try {
      await expect(client(server.url).listPods('ai')).rejects.toThrow(
        `Kubernetes cluster homelab at ${
          new URL(server.url).host
        } sent more than 256 KiB; the answer was not read (limit homelab.clusterRequests.maxBytes)`,
      );
    } finally {
      await server.close();
    }
  });
});
