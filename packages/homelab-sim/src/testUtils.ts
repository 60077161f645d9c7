import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { HomelabSim, startHomelabSim } from './sim';
import type { ScenarioSpec } from './scenario/types';

/** Starts a simulator on free ports with fast generation; collects log lines. */
export async function startTestSim(
  opts: {
    scenario?: string | ScenarioSpec;
    manifestsDir?: string;
    oldTokenValidForMs?: number;
  } = {},
) {
  const logs: string[] = [];
  const sim = await startHomelabSim({
    kubePort: 0,
    ollamaPort: 0,
    adminPort: 0,
    scenario: opts.scenario ?? 'fast',
    manifestsDir: opts.manifestsDir,
    oldTokenValidForMs: opts.oldTokenValidForMs,
    logger: m => logs.push(m),
  });
  return { sim, logs };
}

export interface KubeResponse {
  status: number;
  body: any;
}

/** GET against the simulated API server, verifying its certificate. */
export function kubeGet(
  sim: HomelabSim,
  path: string,
  opts: { token?: string | null; accept?: string; method?: string } = {},
): Promise<KubeResponse> {
  const token = opts.token === undefined ? sim.token : opts.token;
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${sim.kubeUrl}${path}`,
      {
        method: opts.method ?? 'GET',
        ca: sim.kubeCaPem,
        agent: false,
        headers: {
          ...(token !== null ? { Authorization: `Bearer ${token}` } : {}),
          Accept: opts.accept ?? 'application/json',
        },
      },
      res => {
        let text = '';
        res.on('data', c => (text += c));
        res.on('end', () => {
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // plain text body
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * A fetch over node:http for the official ollama client: Backstage's jest
 * setup blocks the global fetch, and these requests only go to loopback.
 */
export const loopbackFetch: typeof fetch = (input, init) =>
  new Promise((resolve, reject) => {
    let url: string;
    if (typeof input === 'string') url = input;
    else if (input instanceof URL) url = input.href;
    else url = input.url;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const req = http.request(
      url,
      { method: init?.method ?? 'GET', headers, agent: false },
      res => {
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (typeof v === 'string') responseHeaders.set(k, v);
        resolve(
          new Response(Readable.toWeb(res) as ReadableStream, {
            status: res.statusCode,
            headers: responseHeaders,
          }),
        );
      },
    );
    req.on('error', reject);
    init?.signal?.addEventListener('abort', () =>
      req.destroy(new Error('aborted')),
    );
    if (init?.body) req.write(init.body as string);
    req.end();
  });

export async function adminRequest(
  sim: HomelabSim,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await loopbackFetch(`${sim.adminUrl}${path}`, {
    method,
    ...(body !== undefined
      ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
      : {}),
  });
  return { status: res.status, body: await res.json() };
}
