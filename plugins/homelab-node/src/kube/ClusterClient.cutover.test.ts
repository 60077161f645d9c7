import path from 'node:path';
import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import { simConfig } from '../__testUtils__/simConfig';
import { findRepositoryRoot } from '../repositoryRoot';
import { ClusterClient } from './ClusterClient';

describe('ClusterClient reads for cutover checks', () => {
  let sim: HomelabSim;
  let client: ClusterClient;
  beforeAll(async () => {
    const manifestsDir = path.join(
      findRepositoryRoot(process.cwd()),
      'manifests',
    );
    sim = (await startTestSim({ scenario: 'cutover', manifestsDir })).sim;
    client = ClusterClient.fromConfig(simConfig(sim));
  });
  afterAll(() => sim.close());

  it('reads PVCs, HTTPRoutes, Services and the EndpointSlices of one Service', async () => {
    sim.setStep('applied');
    expect(
      (await client.getPersistentVolumeClaim('karakeep', 'karakeep-data'))
        .status?.phase,
    ).toBe('Pending');
    const route = await client.getHttpRoute('karakeep', 'karakeep');
    expect(route.status?.parents?.[0].conditions?.map(c => c.type)).toEqual([
      'Accepted',
      'ResolvedRefs',
    ]);
    expect(
      (await client.getService('karakeep', 'karakeep')).spec?.ports?.[0].port,
    ).toBe(3000);
    const slices = await client.listEndpointSlices('karakeep', 'karakeep');
    expect(
      slices.map(s => s.metadata.labels?.['kubernetes.io/service-name']),
    ).toEqual(['karakeep']);
  });

  it('tells the API server refusing the proxy from the backend answering', async () => {
    sim.setStep('applied');
    expect(
      await client.proxyGet('karakeep', 'karakeep', 'http', '/api/health'),
    ).toEqual({
      status: 503,
      apiStatus: {
        reason: 'ServiceUnavailable',
        message: 'no endpoints available for service "karakeep"',
      },
    });
    sim.setStep('ready');
    expect(
      await client.proxyGet('karakeep', 'karakeep', '3000', '/api/health?x=1'),
    ).toEqual({ status: 200 });
    const counts = sim.requestCounts();
    expect(
      Object.keys(counts).some(k =>
        k.includes('/services/karakeep:3000/proxy/api/health'),
      ),
    ).toBe(true);
  });
});
