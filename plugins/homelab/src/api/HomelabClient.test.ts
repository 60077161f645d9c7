import { describeError } from './describeError';
import { HomelabClient } from './HomelabClient';

function client(response: () => Response) {
  const fetch = jest.fn(async (_url: string) => response());
  const discoveryApi = {
    getBaseUrl: jest.fn(async () => 'http://backstage:7007/api/homelab'),
  };
  return {
    fetch,
    discoveryApi,
    client: new HomelabClient({ discoveryApi, fetchApi: { fetch } as any }),
  };
}

describe('HomelabClient', () => {
  it('asks discovery for the homelab plugin and calls its routes', async () => {
    const c = client(
      () =>
        new Response(JSON.stringify({ plans: [], problems: [] }), {
          status: 200,
        }),
    );
    await expect(c.client.listPlans()).resolves.toEqual({
      plans: [],
      problems: [],
    });
    expect(c.discoveryApi.getBaseUrl).toHaveBeenCalledWith('homelab');
    expect(c.fetch).toHaveBeenCalledWith(
      'http://backstage:7007/api/homelab/phases',
    );
  });

  it('encodes plan ids and history windows', async () => {
    const c = client(() => new Response('{}', { status: 200 }));
    await c.client.getPlan('docs-phases-phase-4.23-ollama');
    await c.client.getOllamaHistory('24h');
    expect(c.fetch.mock.calls.map(a => a[0])).toEqual([
      'http://backstage:7007/api/homelab/phases/docs-phases-phase-4.23-ollama',
      'http://backstage:7007/api/homelab/ollama/history?window=24h',
    ]);
  });

  it('turns an error answer into an error carrying the backend message', async () => {
    const body = {
      error: {
        name: 'NotFoundError',
        message: 'No phase plan with id "x"; GET /phases lists the ids',
      },
      response: { statusCode: 404 },
    };
    const c = client(
      () =>
        new Response(JSON.stringify(body), {
          status: 404,
          statusText: 'Not Found',
          headers: { 'content-type': 'application/json' },
        }),
    );
    const error = await c.client.getPlan('x').catch(e => e);
    expect(describeError(error)).toBe(
      'No phase plan with id "x"; GET /phases lists the ids (HTTP 404)',
    );
  });
});
