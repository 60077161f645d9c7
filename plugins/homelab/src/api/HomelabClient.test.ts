import { describeError } from './describeError';
import { HomelabClient } from './HomelabClient';
import { inputErrorResponse } from '../testing/errors';

function client(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
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
    await c.client.getPlan('docs~phases~phase-4.23-ollama');
    await c.client.getOllamaHistory('24h');
    expect(c.fetch.mock.calls.map(a => a[0])).toEqual([
      'http://backstage:7007/api/homelab/phases/docs~phases~phase-4.23-ollama',
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

  it('posts the pasted compose file as JSON and surfaces its 400 message', async () => {
    const answer = {
      services: [{ name: 'web', image: 'nginx:1.27' }, { name: 'db' }],
    };
    const ok = client(() => new Response(JSON.stringify(answer)));
    await expect(
      ok.client.draftComposeService({
        composeYaml: 'services:\n  web:\n    image: nginx:1.27\n',
        service: 'web',
      }),
    ).resolves.toEqual(answer);
    const [url, init] = ok.fetch.mock.calls[0];
    expect(url).toBe('http://backstage:7007/api/homelab/compose/draft');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('content-type')).toBe(
      'application/json',
    );
    expect(JSON.parse(String(init?.body))).toEqual({
      composeYaml: 'services:\n  web:\n    image: nginx:1.27\n',
      service: 'web',
    });

    const message =
      'composeYaml: compose file is not valid YAML (line 3: bad indentation); fix the syntax and paste the whole file';
    const bad = client(() =>
      inputErrorResponse(message, '/api/homelab/compose/draft'),
    );
    const error = await bad.client
      .draftComposeService({ composeYaml: 'services:\n\tweb' })
      .catch(e => e);
    expect(describeError(error)).toBe(`${message} (HTTP 400)`);
  });

  it('reads cutovers by encoded plan id and posts a check request without a body', async () => {
    const c = client(() => new Response('{"cutovers":[]}', { status: 200 }));
    await expect(c.client.listCutovers()).resolves.toEqual({ cutovers: [] });
    await c.client.getCutover('docs~phases~phase-4.24 karakeep');
    await expect(
      c.client.checkCutover('docs~phases~phase-4.24-karakeep'),
    ).resolves.toBeUndefined();
    expect(
      c.fetch.mock.calls.map(([url, init]) => [url, init?.method]),
    ).toEqual([
      ['http://backstage:7007/api/homelab/cutover', undefined],
      [
        'http://backstage:7007/api/homelab/cutover/docs~phases~phase-4.24%20karakeep',
        undefined,
      ],
      [
        'http://backstage:7007/api/homelab/cutover/docs~phases~phase-4.24-karakeep/check',
        'POST',
      ],
    ]);
  });

  it('rejects a refused check request with the backend message', async () => {
    const body = {
      error: { name: 'NotFoundError', message: 'No cutover for plan "x"' },
      response: { statusCode: 404 },
    };
    const c = client(
      () =>
        new Response(JSON.stringify(body), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const error = await c.client.checkCutover('x').catch(e => e);
    expect(describeError(error)).toBe('No cutover for plan "x" (HTTP 404)');
  });
});
