import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseDeclaration,
  HttpUrlCheck,
} from '@internal/plugin-homelab-common';
import { evaluateCheck } from './evaluateCheck';
import { createUrlProber } from './urlProber';
import type { CutoverReaders } from './types';

const unused = {} as CutoverReaders['cluster'];
const noOllama = {} as CutoverReaders['ollama'];

describe('http checks straight to a URL', () => {
  let server: http.Server;
  let base: string;
  let bodyBytesSent = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/health')
        return res.writeHead(200).end('{"status":"ok"}');
      if (req.url === '/moved')
        return res
          .writeHead(302, { Location: 'http://elsewhere.invalid/' })
          .end();
      if (req.url === '/stuck') return undefined; // never answers
      if (req.url === '/huge') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024);
        const write = () => {
          while (bodyBytesSent < 64 * 1024 * 1024 && res.write(chunk))
            bodyBytesSent += chunk.length;
          if (bodyBytesSent < 64 * 1024 * 1024) res.once('drain', write);
          else res.end();
        };
        res.on('close', () => res.removeAllListeners('drain'));
        return write();
      }
      return res.writeHead(404).end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  const check = (url: string, status = '200') =>
    parseDeclaration(`http url=${url} status=${status}`, 1) as HttpUrlCheck;
  const readers = (allowedHosts: string[]): CutoverReaders => ({
    cluster: unused,
    ollama: noOllama,
    probeUrl: createUrlProber({
      allowedHosts,
      limits: { timeoutMs: 500, maxBytes: 1024 },
    }),
  });

  it('passes on the expected status from an allowed host', async () => {
    expect(
      await evaluateCheck(check(`${base}/health`), readers(['127.0.0.1'])),
    ).toMatchObject({
      status: 'pass',
      evidence: `GET ${base}/health answered 200`,
    });
  });

  it('does not call a host outside homelab.cutover.allowedHosts', async () => {
    let calls = 0;
    server.once('request', () => calls++);
    const result = await evaluateCheck(
      check(`${base}/health`),
      readers(['karakeep.k8s.home.arpa']),
    );
    expect(result).toMatchObject({
      status: 'unknown',
      evidence: expect.stringContaining('127.0.0.1:'),
    });
    expect(result.evidence).toContain('is not in homelab.cutover.allowedHosts');
    expect(calls).toBe(0);
  });

  it('is unknown when no direct checks are configured', async () => {
    const result = await evaluateCheck(check(`${base}/health`), {
      cluster: unused,
      ollama: noOllama,
    });
    expect(result.status).toBe('unknown');
  });

  it('reports a redirect as its status instead of following it to another host', async () => {
    expect(
      await evaluateCheck(check(`${base}/moved`), readers(['127.0.0.1'])),
    ).toMatchObject({
      status: 'fail',
      evidence: `GET ${base}/moved answered 302 (expected 200)`,
    });
    expect(
      (
        await evaluateCheck(
          check(`${base}/moved`, '3xx'),
          readers(['127.0.0.1']),
        )
      ).status,
    ).toBe('pass');
  });

  it('fails a host that does not answer within the outbound timeout', async () => {
    const result = await evaluateCheck(
      check(`${base}/stuck`),
      readers(['127.0.0.1']),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatch(/did not answer within 0.5 s/);
  });

  it('keeps no body: a huge answer is cancelled after its status', async () => {
    const result = await evaluateCheck(
      check(`${base}/huge`),
      readers(['127.0.0.1']),
    );
    expect(result).toMatchObject({
      status: 'pass',
      evidence: `GET ${base}/huge answered 200`,
    });
    expect(bodyBytesSent).toBeLessThan(64 * 1024 * 1024);
  });
});
