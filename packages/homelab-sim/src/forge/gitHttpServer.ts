import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A pull request as Gitea's API answers it (the fields the portal and tests read). */
export interface GiteaPullRequest {
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  merge_commit_sha: string | null;
  html_url: string;
  url: string;
  head: { ref: string; label: string; sha: string };
  base: { ref: string; label: string };
  user: { login: string };
}

export interface GitHttpServer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Clone URL of `<owner>/<repo>.git`. */
  repoUrl(owner: string, repo: string): string;
  /** Folder of the bare repository `<owner>/<repo>.git`. */
  repoPath(owner: string, repo: string): string;
  /** A bare repository; with `seedFrom`, its `main` is that working tree's HEAD. */
  createRepository(owner: string, repo: string, seedFrom?: string): string;
  /** `git ls-remote` of a repository, as text (for before/after comparisons). */
  lsRemote(owner: string, repo: string): string;
  pulls: GiteaPullRequest[];
  close(): Promise<void>;
}

const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';
const git = (cwd: string, args: string[]) =>
  execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test forge',
      GIT_AUTHOR_EMAIL: 'forge@test.invalid',
      GIT_COMMITTER_NAME: 'Test forge',
      GIT_COMMITTER_EMAIL: 'forge@test.invalid',
    },
  }).trim();

/**
 * A git server on loopback for tests: git's own git-http-backend (CGI) behind basic auth,
 * plus Gitea's pull-request API as Gitea documents it (`POST/GET
 * /api/v1/repos/{owner}/{repo}/pulls`, `GET .../pulls/{index}`, `POST
 * .../pulls/{index}/merge`), kept in memory. Every route needs one of `users`.
 */
export async function startGitHttpServer(options: {
  users: Record<string, string>;
  root?: string;
}): Promise<GitHttpServer> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'git-http-'));
  const pulls: GiteaPullRequest[] = [];
  let baseUrl = '';

  const authorized = (req: http.IncomingMessage): string | undefined => {
    const header = req.headers.authorization ?? '';
    const [scheme, value] = header.split(' ');
    if (scheme === 'Basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = decoded.slice(0, colon);
      if (colon > 0 && options.users[user] === decoded.slice(colon + 1))
        return user;
    }
    if (scheme === 'token' && value) {
      return Object.entries(options.users).find(([, p]) => p === value)?.[0];
    }
    return undefined;
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const apiError = (
    res: http.ServerResponse,
    status: number,
    message: string,
  ) => json(res, status, { message, url: `${baseUrl}/api/swagger` });
  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const api = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    user: string,
    url: URL,
  ) => {
    const match =
      /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/pulls(?:\/(\d+)(\/merge)?)?$/.exec(
        url.pathname,
      );
    if (!match) return apiError(res, 404, 'Not Found');
    const [, owner, repo, index, merge] = match;
    const repoDir = join(root, owner, `${repo}.git`);
    if (!existsSync(repoDir))
      return apiError(res, 404, "The target couldn't be found.");
    const ofRepo = pulls.filter(p =>
      p.base.label.startsWith(`${owner}/${repo}:`),
    );
    if (!index && req.method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      return json(
        res,
        200,
        ofRepo.filter(p => state === 'all' || p.state === state),
      );
    }
    if (!index && req.method === 'POST') {
      let body: any;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return apiError(res, 422, 'invalid JSON');
      }
      const { head, base, title } = body ?? {};
      if (!head || !base || !title)
        return apiError(
          res,
          422,
          '[Head]: Required; [Base]: Required; [Title]: Required',
        );
      let sha: string;
      try {
        sha = git(repoDir, [
          'rev-parse',
          '--verify',
          `refs/heads/${head}^{commit}`,
        ]);
        git(repoDir, ['rev-parse', '--verify', `refs/heads/${base}^{commit}`]);
      } catch {
        return apiError(res, 404, `branch ${head} or ${base} does not exist`);
      }
      const existing = ofRepo.find(
        p => p.state === 'open' && p.head.ref === head && p.base.ref === base,
      );
      if (existing) {
        return apiError(
          res,
          409,
          `pull request already exists for these targets [id: ${existing.id}, issue_id: ${existing.id}, head_repo_id: 1, base_repo_id: 1, head_branch: ${head}, base_branch: ${base}]`,
        );
      }
      const number = pulls.length + 1;
      const pull: GiteaPullRequest = {
        id: number,
        number,
        title,
        body: String(body.body ?? ''),
        state: 'open',
        merged: false,
        merge_commit_sha: null,
        html_url: `${baseUrl}/${owner}/${repo}/pulls/${number}`,
        url: `${baseUrl}/api/v1/repos/${owner}/${repo}/pulls/${number}`,
        head: { ref: head, label: head, sha },
        base: { ref: base, label: `${owner}/${repo}:${base}` },
        user: { login: user },
      };
      pulls.push(pull);
      return json(res, 201, pull);
    }
    const pull = ofRepo.find(p => p.number === Number(index));
    if (!pull) return apiError(res, 404, 'pull request does not exist');
    if (!merge && req.method === 'GET') return json(res, 200, pull);
    if (merge && req.method === 'POST') {
      if (pull.merged || pull.state !== 'open') {
        return apiError(res, 405, 'The PR is already merged or closed');
      }
      const base = `refs/heads/${pull.base.ref}`;
      const tip = git(repoDir, ['rev-parse', base]);
      const headSha = git(repoDir, [
        'rev-parse',
        `refs/heads/${pull.head.ref}`,
      ]);
      let tree: string;
      try {
        tree = git(repoDir, ['merge-tree', '--write-tree', tip, headSha]).split(
          '\n',
        )[0];
      } catch {
        return apiError(res, 409, 'merge conflict');
      }
      const commit = git(repoDir, [
        'commit-tree',
        tree,
        '-p',
        tip,
        '-p',
        headSha,
        '-m',
        `Merge pull request '${pull.title}' (#${pull.number})`,
      ]);
      git(repoDir, ['update-ref', base, commit, tip]);
      Object.assign(pull, {
        merged: true,
        state: 'closed',
        merge_commit_sha: commit,
      });
      return json(res, 200, undefined);
    }
    return apiError(res, 405, 'Method Not Allowed');
  };

  const cgi = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    user: string,
    url: URL,
  ) => {
    const child = spawn(GIT_HTTP_BACKEND, [], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        REQUEST_METHOD: req.method,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length']
          ? { CONTENT_LENGTH: req.headers['content-length'] }
          : {}),
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
          : {}),
        ...(req.headers['git-protocol']
          ? { GIT_PROTOCOL: String(req.headers['git-protocol']) }
          : {}),
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: root,
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('utf8').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    child.stdout.on('end', () => res.end());
    child.on('error', error => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const user = authorized(req);
    if (!user) {
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="test forge"',
        'Content-Type': 'application/json',
      });
      res.end(
        JSON.stringify({
          message: 'token is required',
          url: `${baseUrl}/api/swagger`,
        }),
      );
      return;
    }
    if (url.pathname.startsWith('/api/v1/')) {
      api(req, res, user, url).catch(error =>
        apiError(res, 500, String(error)),
      );
    } else {
      cgi(req, res, user, url);
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const repoPath = (owner: string, repo: string) =>
    join(root, owner, `${repo}.git`);
  return {
    baseUrl,
    pulls,
    repoPath,
    repoUrl: (owner, repo) => `${baseUrl}/${owner}/${repo}.git`,
    createRepository(owner, repo, seedFrom) {
      const dir = repoPath(owner, repo);
      mkdirSync(dir, { recursive: true });
      git(dir, ['init', '--quiet', '--bare', '--initial-branch=main']);
      if (seedFrom)
        git(seedFrom, ['push', '--quiet', dir, 'HEAD:refs/heads/main']);
      return dir;
    },
    lsRemote: (owner, repo) => git(root, ['ls-remote', repoPath(owner, repo)]),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      if (!options.root) rmSync(root, { recursive: true, force: true });
    },
  };
}
