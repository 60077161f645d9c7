import { createPublicKey, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubAppApiOptions {
  appId: number;
  /** PEM of the app's public key: the app JWTs must be signed with its private key. */
  publicKey: string;
  /** The accounts the app is installed on. */
  installations: Array<{ id: number; login: string }>;
  /** How long an installation token lives; GitHub's is one hour. */
  tokenLifetimeMs?: number;
  /** Called with each token issued, e.g. to make a git server accept it. */
  onToken?: (token: string) => void;
}

export interface GithubAppApi {
  /** http://127.0.0.1:<port>, the integration's apiBaseUrl. */
  baseUrl: string;
  /** The installation tokens issued, in order. */
  issued: Array<{ token: string; expires_at: string }>;
  /** Every request: method, path and Authorization header. */
  requests: Array<{ method: string; path: string; authorization?: string }>;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

/**
 * GitHub's REST API for a GitHub App, as GitHub documents it, on loopback for tests:
 * `GET /app/installations` and `POST /app/installations/{id}/access_tokens` (201 `{ token,
 * expires_at, permissions, repository_selection }`) need the app's JWT (RS256, `iss` the
 * app id, `exp` at most 10 minutes ahead); `POST /repos/{owner}/{repo}/pulls` needs an
 * unexpired installation token and answers 201 with the pull request. Clock: Date.now.
 */
export async function startGithubAppApi(
  options: GithubAppApiOptions,
): Promise<GithubAppApi> {
  const publicKey = createPublicKey(options.publicKey);
  const issued: GithubAppApi['issued'] = [];
  const requests: GithubAppApi['requests'] = [];
  let pullNumber = 0;
  let baseUrl = '';

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const validJwt = (authorization: string | undefined): boolean => {
    const [scheme, jwt] = (authorization ?? '').split(' ');
    if (!/^bearer$/i.test(scheme) || !jwt) return false;
    const [header, payload, signature] = jwt.split('.');
    if (!header || !payload || !signature) return false;
    try {
      if (
        JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'RS256'
      )
        return false;
      const ok = verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        publicKey,
        Buffer.from(signature, 'base64url'),
      );
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const now = Math.floor(Date.now() / 1000);
      return (
        ok &&
        String(claims.iss) === String(options.appId) &&
        claims.exp > now &&
        claims.exp - now <= 600 &&
        claims.iat <= now + 60
      );
    } catch {
      return false;
    }
  };
  const validToken = (authorization: string | undefined): boolean => {
    const [scheme, token] = (authorization ?? '').split(' ');
    const found = issued.find(t => t.token === token);
    return (
      /^(bearer|token)$/i.test(scheme) &&
      !!found &&
      Date.parse(found.expires_at) > Date.now()
    );
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const authorization = req.headers.authorization;
      requests.push({ method: req.method ?? 'GET', path, authorization });
      const installation = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(
        path,
      );
      const pulls = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path);
      if (path === '/app/installations' || installation) {
        if (!validJwt(authorization)) {
          json(res, 401, {
            message: 'A JSON web token could not be decoded',
            documentation_url: DOCS,
          });
          return;
        }
      } else if (!validToken(authorization)) {
        json(res, 401, { message: 'Bad credentials', documentation_url: DOCS });
        return;
      }
      if (req.method === 'GET' && path === '/app/installations') {
        json(
          res,
          200,
          options.installations.map(i => ({
            id: i.id,
            account: { login: i.login, id: i.id * 10, type: 'Organization' },
            app_id: options.appId,
            target_type: 'Organization',
            repository_selection: 'all',
            permissions: { contents: 'write', pull_requests: 'write' },
            suspended_by: null,
            suspended_at: null,
          })),
        );
      } else if (req.method === 'POST' && installation) {
        if (
          !options.installations.some(i => i.id === Number(installation[1]))
        ) {
          json(res, 404, { message: 'Not Found', documentation_url: DOCS });
          return;
        }
        const token = {
          token: `ghs_${randomBytes(18).toString('hex')}`,
          expires_at: new Date(
            Date.now() + (options.tokenLifetimeMs ?? 3_600_000),
          ).toISOString(),
        };
        issued.push(token);
        options.onToken?.(token.token);
        json(res, 201, {
          ...token,
          permissions: { contents: 'write', pull_requests: 'write' },
          repository_selection: 'all',
        });
      } else if (req.method === 'POST' && pulls) {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        pullNumber += 1;
        const [, owner, repo] = pulls;
        json(res, 201, {
          id: 1000 + pullNumber,
          number: pullNumber,
          state: 'open',
          title: body.title,
          html_url: `${baseUrl}/${owner}/${repo}/pull/${pullNumber}`,
          head: { ref: body.head },
          base: { ref: body.base },
        });
      } else {
        json(res, 404, { message: 'Not Found', documentation_url: DOCS });
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    issued,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
