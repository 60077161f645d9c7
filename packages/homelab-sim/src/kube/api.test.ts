import type { HomelabSim } from '../sim';
import { kubeGet, startTestSim } from '../testUtils';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('simulated Kubernetes API', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    ({ sim } = await startTestSim());
  });
  afterAll(() => sim.close());

  it('answers discovery like a real API server', async () => {
    expect((await kubeGet(sim, '/version')).body.gitVersion).toMatch(
      /^v1\.\d+/,
    );
    expect((await kubeGet(sim, '/api')).body.versions).toEqual(['v1']);
    const groups = (await kubeGet(sim, '/apis')).body;
    expect(groups.kind).toBe('APIGroupList');
    expect(
      groups.groups.map((g: any) => g.preferredVersion.groupVersion),
    ).toEqual(
      expect.arrayContaining([
        'apps/v1',
        'batch/v1',
        'autoscaling/v2',
        'networking.k8s.io/v1',
        'gateway.networking.k8s.io/v1',
        'metrics.k8s.io/v1beta1',
      ]),
    );
    const core = (await kubeGet(sim, '/api/v1')).body;
    expect(core.kind).toBe('APIResourceList');
    expect(core.resources.find((r: any) => r.name === 'pods')).toMatchObject({
      kind: 'Pod',
      namespaced: true,
      shortNames: ['po'],
    });
    const routes = (await kubeGet(sim, '/apis/gateway.networking.k8s.io/v1'))
      .body;
    expect(routes.resources.map((r: any) => r.name)).toEqual([
      'httproutes',
      'gateways',
    ]);
  });

  it('rejects a missing or wrong token with an Unauthorized Status', async () => {
    const expected = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    };
    for (const token of [null, 'wrong']) {
      const res = await kubeGet(sim, '/api/v1/pods', { token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject(expected);
    }
  });

  it('lists pods across namespaces and per namespace with resource versions', async () => {
    const all = (await kubeGet(sim, '/api/v1/pods')).body;
    expect(all.kind).toBe('PodList');
    expect(all.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(new Set(all.items.map((p: any) => p.metadata.namespace))).toEqual(
      new Set(['ai', 'karakeep']),
    );
    const ai = (await kubeGet(sim, '/api/v1/namespaces/ai/pods')).body.items;
    expect(ai).toHaveLength(1);
    const pod = ai[0];
    expect(pod).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      status: { phase: 'Running' },
    });
    expect(pod.metadata.ownerReferences[0].kind).toBe('ReplicaSet');
    expect(pod.status.containerStatuses[0]).toMatchObject({
      ready: true,
      restartCount: 0,
      started: true,
    });
    expect(pod.status.conditions.map((c: any) => c.type)).toEqual(
      expect.arrayContaining([
        'PodScheduled',
        'Initialized',
        'ContainersReady',
        'Ready',
      ]),
    );
  });

  it('gets one object and answers NotFound for a missing one', async () => {
    const deploy = await kubeGet(
      sim,
      '/apis/apps/v1/namespaces/ai/deployments/ollama',
    );
    expect(deploy.body).toMatchObject({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    });
    const missing = await kubeGet(
      sim,
      '/apis/apps/v1/namespaces/ai/deployments/nope',
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'deployments.apps "nope" not found',
    });
    expect(
      (await kubeGet(sim, '/api/v1/namespaces/ai')).body.status.phase,
    ).toBe('Active');
    expect((await kubeGet(sim, '/no/such/path')).status).toBe(404);
  });

  it('filters with equality and set-based label selectors', async () => {
    const names = async (selector: string) =>
      (
        await kubeGet(
          sim,
          `/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`,
        )
      ).body.items.map((p: any) => p.metadata.labels['app.kubernetes.io/name']);
    expect(await names('app.kubernetes.io/name=ollama')).toEqual(['ollama']);
    expect(await names('app.kubernetes.io/name==ollama')).toEqual(['ollama']);
    expect(await names('app.kubernetes.io/name!=ollama')).toEqual([
      'karakeep',
      'karakeep',
      'meilisearch',
    ]);
    expect(
      await names('app.kubernetes.io/name in (ollama,meilisearch)'),
    ).toEqual(['ollama', 'meilisearch']);
    expect(await names('app.kubernetes.io/name notin (karakeep)')).toEqual([
      'ollama',
      'meilisearch',
    ]);
    expect(await names('statefulset.kubernetes.io/pod-name')).toEqual([
      'meilisearch',
    ]);
    expect(await names('!pod-template-hash')).toEqual(['meilisearch']);
  });

  it('filters with field selectors and refuses unknown fields', async () => {
    const running = await kubeGet(
      sim,
      '/api/v1/pods?fieldSelector=status.phase%3DRunning,metadata.namespace%3Dai',
    );
    expect(running.body.items).toHaveLength(1);
    const onNode = await kubeGet(
      sim,
      '/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1',
    );
    expect(
      onNode.body.items.every((p: any) => p.spec.nodeName === 'node-1'),
    ).toBe(true);
    const bad = await kubeGet(
      sim,
      '/api/v1/pods?fieldSelector=spec.color%3Dblue',
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: spec.color',
    });
  });

  it('serves Tables to kubectl-style Accept headers', async () => {
    const pods = (
      await kubeGet(sim, '/api/v1/namespaces/karakeep/pods', { accept: TABLE })
    ).body;
    expect(pods.kind).toBe('Table');
    expect(
      pods.columnDefinitions
        .filter((c: any) => c.priority === 0)
        .map((c: any) => c.name),
    ).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(pods.columnDefinitions.map((c: any) => c.name)).toEqual(
      expect.arrayContaining(['IP', 'Node']),
    );
    expect(pods.rows[0].cells.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(pods.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { namespace: 'karakeep' },
    });
    const nodes = (await kubeGet(sim, '/api/v1/nodes', { accept: TABLE })).body;
    expect(nodes.rows[0].cells.slice(0, 3)).toEqual([
      'node-1',
      'Ready',
      'control-plane,master',
    ]);
    const svc = (
      await kubeGet(
        sim,
        '/api/v1/namespaces/ai/services?includeObject=Object',
        { accept: TABLE },
      )
    ).body;
    expect(svc.rows[0].cells[4]).toBe('11434/TCP');
    expect(svc.rows[0].object.kind).toBe('Service');
    const pvc = (
      await kubeGet(
        sim,
        '/api/v1/namespaces/ai/persistentvolumeclaims?includeObject=None',
        { accept: TABLE },
      )
    ).body;
    expect(pvc.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'Age',
    ]);
    expect(pvc.rows[0].object).toBeUndefined();
  });

  it('never serves secrets and refuses writes', async () => {
    const secrets = await kubeGet(sim, '/api/v1/namespaces/ai/secrets');
    expect(secrets.status).toBe(403);
    expect(secrets.body.reason).toBe('Forbidden');
    const del = await kubeGet(sim, '/api/v1/namespaces/ai/pods/x', {
      method: 'DELETE',
    });
    expect(del.status).toBe(405);
    expect(del.body.reason).toBe('MethodNotAllowed');
  });

  it('serves Endpoints of ready pods and pages long lists', async () => {
    const ep = (
      await kubeGet(sim, '/api/v1/namespaces/karakeep/endpoints/karakeep')
    ).body;
    expect(ep.subsets[0].addresses).toHaveLength(2);
    expect(ep.subsets[0].ports).toEqual([
      { name: 'http', port: 3000, protocol: 'TCP' },
    ]);
    const first = (await kubeGet(sim, '/api/v1/pods?limit=3')).body;
    expect(first.items).toHaveLength(3);
    const rest = (
      await kubeGet(
        sim,
        `/api/v1/pods?limit=3&continue=${first.metadata.continue}`,
      )
    ).body;
    expect(rest.items).toHaveLength(1);
    expect(rest.metadata.continue).toBeUndefined();
  });
});
