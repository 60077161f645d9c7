import net from 'node:net';
import type { HomelabSim } from '../sim';
import {
  adminRequest,
  kubeGet,
  loopbackFetch,
  startTestSim,
} from '../testUtils';

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise(resolve => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) =>
      resolve(e.code === 'ECONNREFUSED'),
    );
  });
}

describe('admin endpoint', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    ({ sim } = await startTestSim());
  });
  afterAll(() => sim.close());

  it('reports health and the current scenario', async () => {
    expect(await adminRequest(sim, 'GET', '/healthz')).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect((await adminRequest(sim, 'GET', '/scenario')).body.name).toBe(
      'fast',
    );
  });

  it('switches scenario while running and the API follows', async () => {
    const statuses = async () =>
      (await kubeGet(sim, '/api/v1/pods')).body.items.map(
        (p: any) =>
          p.status.containerStatuses?.[0]?.state?.waiting?.reason ??
          p.status.phase,
      );
    expect(new Set(await statuses())).toEqual(new Set(['Running']));

    const res = await adminRequest(sim, 'PUT', '/scenario', {
      name: 'failures',
    });
    expect(res.body.name).toBe('failures');
    expect((await statuses()).sort()).toEqual([
      'CrashLoopBackOff',
      'ImagePullBackOff',
      'ImagePullBackOff',
      'Pending',
    ]);
    // failures stops Ollama: its port refuses connections like a stopped server.
    expect(await refusesConnections(sim.ollamaUrl)).toBe(true);

    await adminRequest(sim, 'POST', '/scenario', 'fast');
    expect(new Set(await statuses())).toEqual(new Set(['Running']));
    expect((await loopbackFetch(`${sim.ollamaUrl}/api/version`)).status).toBe(
      200,
    );
  });

  it('accepts a full scenario as JSON and rejects a bad one without changing anything', async () => {
    await adminRequest(sim, 'PUT', '/scenario', {
      name: 'two-nodes',
      nodes: [{ name: 'a' }, { name: 'b' }],
    });
    expect(
      (await kubeGet(sim, '/api/v1/nodes')).body.items.map(
        (n: any) => n.metadata.name,
      ),
    ).toEqual(['a', 'b']);
    const bad = await adminRequest(sim, 'PUT', '/scenario', {
      name: 'oops',
      nodes: [{ cpu: 4 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('nodes[0].name must be a string');
    expect((await adminRequest(sim, 'GET', '/scenario')).body.name).toBe(
      'two-nodes',
    );
    await sim.setScenario('fast');
  });

  it('counts requests per endpoint and resets the counts', async () => {
    await adminRequest(sim, 'POST', '/counts/reset');
    await loopbackFetch(`${sim.ollamaUrl}/api/ps`);
    await loopbackFetch(`${sim.ollamaUrl}/api/ps?x=1`);
    await kubeGet(sim, '/api/v1/pods?limit=1');
    const counts = (await adminRequest(sim, 'GET', '/counts')).body;
    expect(counts).toEqual({
      'ollama GET /api/ps': 2,
      'kube GET /api/v1/pods': 1,
    });
    expect(sim.requestCounts()).toEqual(counts);
    await adminRequest(sim, 'POST', '/counts/reset');
    expect(sim.requestCounts()).toEqual({});
  });
});

describe('service account token rotation', () => {
  let sim: HomelabSim;
  beforeEach(async () => {
    ({ sim } = await startTestSim());
  });
  afterEach(() => sim.close());

  it('accepts the new token at once and the old one only within its grace', async () => {
    const old = sim.token;
    expect(
      await adminRequest(sim, 'POST', '/token', {
        token: 'second-token',
        oldTokenValidForMs: 60_000,
      }),
    ).toEqual({ status: 200, body: {} });
    expect(sim.token).toBe('second-token');
    expect((await kubeGet(sim, '/api/v1/nodes')).status).toBe(200);
    expect((await kubeGet(sim, '/api/v1/nodes', { token: old })).status).toBe(
      200,
    );

    sim.rotateToken('third-token', { oldTokenValidForMs: 0 });
    expect(
      (await kubeGet(sim, '/api/v1/nodes', { token: 'second-token' })).status,
    ).toBe(401);
    expect((await kubeGet(sim, '/api/v1/nodes', { token: old })).status).toBe(
      401,
    );
    expect((await kubeGet(sim, '/api/v1/nodes')).status).toBe(200);
  });

  it('refuses a rotation without a token', async () => {
    const res = await adminRequest(sim, 'POST', '/token', { token: '' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^token: send the new token/);
  });
});
