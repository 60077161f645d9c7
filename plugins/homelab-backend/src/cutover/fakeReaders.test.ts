import { parseDeclaration } from '@internal/plugin-homelab-common';
import { NotAllowedError } from '@backstage/errors';
import { evaluateCheck } from './evaluateCheck';
import type { CutoverClusterReader, CutoverReaders } from './types';

// Cases the stand-in does not produce, from objects as the API documents them.
function readers(cluster: Partial<CutoverClusterReader>): CutoverReaders {
  return {
    cluster: cluster as CutoverClusterReader,
    ollama: { tags: async () => ({ models: [] }) },
  };
}
const check = (text: string) => parseDeclaration(text, 1);

describe('cutover checks on edge cases of the API objects', () => {
  it('does not trust HTTPRoute conditions written for an older generation', async () => {
    const result = await evaluateCheck(
      check('httproute namespace=web name=site'),
      readers({
        getHttpRoute: async () => ({
          metadata: { name: 'site', generation: 3 },
          status: {
            parents: [
              {
                parentRef: { name: 'gw', namespace: 'gateway' },
                conditions: [
                  { type: 'Accepted', status: 'True', observedGeneration: 2 },
                  {
                    type: 'ResolvedRefs',
                    status: 'True',
                    observedGeneration: 3,
                  },
                ],
              },
            ],
          },
        }),
      }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      evidence:
        'HTTPRoute site: Accepted not yet observed for generation 3 on gateway/gw',
    });
  });

  it('fails a route no Gateway has reported on', async () => {
    const result = await evaluateCheck(
      check('httproute namespace=web name=site'),
      readers({
        getHttpRoute: async () => ({
          metadata: { name: 'site' },
          status: { parents: [] },
        }),
      }),
    );
    expect(result.evidence).toBe(
      'HTTPRoute site: no Gateway has reported on it yet (status.parents is empty)',
    );
  });

  it('counts an endpoint once across overlapping EndpointSlices and takes a nil ready as ready', async () => {
    const result = await evaluateCheck(
      check('service namespace=web name=site'),
      readers({
        getService: async () => ({}),
        listEndpointSlices: async () => [
          {
            endpoints: [
              { addresses: ['10.0.0.1'] },
              {
                addresses: ['10.0.0.2'],
                conditions: { ready: false },
                targetRef: { name: 'site-b' },
              },
            ],
          },
          {
            endpoints: [
              { addresses: ['10.0.0.1'], conditions: { ready: true } },
            ],
          },
        ],
      }),
    );
    expect(result).toMatchObject({
      status: 'pass',
      evidence: 'Service site: 1 ready endpoint (1 not ready: site-b)',
    });
  });

  it('fails when fewer pods than min exist, even if all are ready', async () => {
    const ready = (name: string) => ({
      metadata: { name },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    const result = await evaluateCheck(
      check('pods namespace=web selector=app=site min=3'),
      readers({ listPods: async () => [ready('a'), ready('b')] }),
    );
    expect(result.evidence).toBe(
      '2/2 pods Running and Ready, fewer than the 3 expected (app=site in web)',
    );
  });

  it('is unknown, not failed, when the service account may not read', async () => {
    const result = await evaluateCheck(
      check('pvc namespace=web name=data'),
      readers({
        getPersistentVolumeClaim: async () => {
          throw new NotAllowedError(
            'Kubernetes cluster homelab denied GET .../persistentvolumeclaims/data (403 Forbidden)',
          );
        },
      }),
    );
    expect(result).toMatchObject({
      status: 'unknown',
      evidence: expect.stringMatching(/^could not check: .*403 Forbidden/),
    });
  });

  it('is unknown when the API server refuses the proxy, and says which permission is missing', async () => {
    const result = await evaluateCheck(
      check('http namespace=web service=site port=80'),
      readers({
        proxyGet: async () => ({
          status: 403,
          apiStatus: {
            reason: 'Forbidden',
            message:
              'services "site:80" is forbidden: cannot get resource "services/proxy"',
          },
        }),
      }),
    );
    expect(result.status).toBe('unknown');
    expect(result.evidence).toContain('grant the portal services/proxy in web');
  });

  it('reports a rollout whose old replicas are still terminating', async () => {
    const result = await evaluateCheck(
      check('deployment namespace=web name=site'),
      readers({
        getDeployment: async () => ({
          metadata: { name: 'site' },
          spec: { replicas: 2 },
          status: { replicas: 3, updatedReplicas: 2, availableReplicas: 2 },
        }),
        listPods: async () => [],
      }),
    );
    expect(result.evidence).toBe(
      'deployment site: 2/2 replicas available, 1 old replica pending termination',
    );
  });
});
