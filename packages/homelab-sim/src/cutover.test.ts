import path from 'node:path';
import { PACKAGE_DIR } from './paths';
import type { HomelabSim } from './sim';
import { kubeGet, startTestSim } from './testUtils';

// The repository's own manifests: the karakeep namespace with its HTTPRoute and PVCs.
const MANIFESTS = path.join(PACKAGE_DIR, '..', '..', 'manifests');

async function admin(
  sim: HomelabSim,
  method: string,
  route: string,
  body?: string,
) {
  const res = await fetch(`${sim.adminUrl}${route}`, { method, body });
  return { status: res.status, body: await res.json() };
}

describe('cutover scenario', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    ({ sim } = await startTestSim({
      scenario: 'cutover',
      manifestsDir: MANIFESTS,
    }));
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.setStep(0));

  const karakeepPods = async () =>
    (
      await kubeGet(
        sim,
        '/api/v1/namespaces/karakeep/pods?labelSelector=app.kubernetes.io/name=karakeep',
      )
    ).body.items;
  const slice = async (service: string) =>
    (
      await kubeGet(
        sim,
        `/apis/discovery.k8s.io/v1/namespaces/karakeep/endpointslices?labelSelector=kubernetes.io/service-name=${service}`,
      )
    ).body.items[0];
  const routeConditions = async () =>
    (
      await kubeGet(
        sim,
        '/apis/gateway.networking.k8s.io/v1/namespaces/karakeep/httproutes/karakeep',
      )
    ).body.status.parents[0].conditions.map(
      (c: any) => `${c.type}=${c.status} ${c.reason}`,
    );

  it('starts just applied: pods not ready, volumes Pending, route refused, model missing, proxy without endpoints', async () => {
    expect(sim.step()).toEqual({ index: 0, of: 4, name: 'applied' });
    const [pod] = await karakeepPods();
    expect(pod.status.phase).toBe('Running');
    expect(
      pod.status.conditions.find((c: any) => c.type === 'Ready'),
    ).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    const deploy = (
      await kubeGet(
        sim,
        '/apis/apps/v1/namespaces/karakeep/deployments/karakeep',
      )
    ).body;
    expect(deploy.status).toMatchObject({
      replicas: 1,
      availableReplicas: 0,
      unavailableReplicas: 1,
    });
    expect(
      (await slice('karakeep')).endpoints.map((e: any) => e.conditions.ready),
    ).toEqual([false]);
    expect(
      (
        await kubeGet(
          sim,
          '/api/v1/namespaces/karakeep/persistentvolumeclaims/karakeep-data',
        )
      ).body.status,
    ).toEqual({ phase: 'Pending' });
    expect(await routeConditions()).toEqual([
      'Accepted=False NotAllowedByListeners',
      'ResolvedRefs=False BackendNotFound',
    ]);
    const tags = await (await fetch(`${sim.ollamaUrl}/api/tags`)).json();
    expect(tags.models.map((m: any) => m.name)).not.toContain('qwen3:1.7b');
    const proxied = await kubeGet(
      sim,
      '/api/v1/namespaces/karakeep/services/karakeep:http/proxy/api/health',
    );
    expect(proxied.status).toBe(503);
    expect(proxied.body).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      message: 'no endpoints available for service "karakeep"',
    });
  });

  it('advances by the admin call until everything is in place, then stays on the last step', async () => {
    expect((await admin(sim, 'POST', '/step/next')).body).toEqual({
      index: 1,
      of: 4,
      name: 'volumes-bound',
    });
    expect(
      (
        await kubeGet(
          sim,
          '/api/v1/namespaces/karakeep/persistentvolumeclaims/karakeep-data',
        )
      ).body.status.phase,
    ).toBe('Bound');
    expect(await routeConditions()).toEqual([
      'Accepted=False NotAllowedByListeners',
      'ResolvedRefs=True ResolvedRefs',
    ]);
    expect((await admin(sim, 'PUT', '/step', 'ready')).body.index).toBe(3);
    expect((await admin(sim, 'POST', '/step/next')).body.index).toBe(3);
    expect(await routeConditions()).toEqual([
      'Accepted=True Accepted',
      'ResolvedRefs=True ResolvedRefs',
    ]);
    expect(
      (await slice('karakeep')).endpoints.map((e: any) => e.conditions.ready),
    ).toEqual([true]);
    const proxied = await kubeGet(
      sim,
      '/api/v1/namespaces/karakeep/services/karakeep:3000/proxy/api/health',
    );
    expect(proxied.status).toBe(200);
    const tags = await (await fetch(`${sim.ollamaUrl}/api/tags`)).json();
    expect(tags.models.map((m: any) => m.name)).toContain('qwen3:1.7b');
  });

  it('answers 404 for an unknown Service through the proxy and names the steps for a wrong one', async () => {
    expect(
      (
        await kubeGet(
          sim,
          '/api/v1/namespaces/karakeep/services/nope:80/proxy/',
        )
      ).status,
    ).toBe(404);
    const wrong = await admin(sim, 'PUT', '/step', 'done');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toContain(
      'its steps are applied, volumes-bound, route-accepted, ready',
    );
  });

  it('passes the backend status through the proxy', async () => {
    await sim.setScenario({
      name: 'broken-health',
      extends: 'fast',
      steps: [{ httpStatus: { 'karakeep/karakeep': 502 } }],
    });
    const proxied = await kubeGet(
      sim,
      '/api/v1/namespaces/karakeep/services/karakeep:http/proxy/api/health',
    );
    expect(proxied.status).toBe(502);
    await sim.setScenario('cutover');
  });

  it('rejects a step that names a field it does not know, naming its path', async () => {
    const res = await admin(
      sim,
      'PUT',
      '/scenario',
      JSON.stringify({ name: 'x', steps: [{ redy: {} }] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(
      'scenario: steps[0].redy is not a step field; use name, ready, pvcs, routes, missingModels, httpStatus',
    );
  });
});
