// The GitOps remote a production portal reads its catalog from and scaffolds into, on the
// loopback forge (git http-backend behind basic auth, plus Gitea's pulls API): one repository
// whose root catalog-info.yaml holds the given entities and a Location of the real templates,
// copied in from templates/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHttpServer, type GitHttpServer } from '../../packages/homelab-sim/src/forge/gitHttpServer.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const GITOPS_OWNER = 'homelab';
export const GITOPS_REPO = 'homelab';

export interface GitopsForge {
  server: GitHttpServer;
  /** The clone URL, as HOMELAB_GITOPS_REMOTE holds it (no credentials). */
  remote: string;
  /** integrations.gitea as Backstage reads it from APP_CONFIG_integrations_gitea. */
  integration(password?: string): string;
  /** `git` in the bare repository (the server's side). */
  git(...args: string[]): string;
  close(): Promise<void>;
}

/** Starts the forge with one account and the seeded repository `homelab/homelab`. */
export async function startGitopsForge(opts: { username: string; password: string; templates: string[]; catalogYaml: string }): Promise<GitopsForge> {
  const server = await startGitHttpServer({ users: { [opts.username]: opts.password } });
  const seed = mkdtempSync(join(tmpdir(), 'gitops-seed-'));
  try {
    const targets = opts.templates.map(t => `    - ./templates/${t}/template.yaml`).join('\n');
    writeFileSync(
      join(seed, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: gitops-root }
spec:
  targets:
${targets}
---
${opts.catalogYaml}`,
    );
    for (const t of opts.templates) cpSync(join(ROOT, 'templates', t), join(seed, 'templates', t), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Seed', '-c', 'user.email=seed@test.invalid', ...args], { cwd: seed });
    git('init', '--quiet', '--initial-branch=main');
    git('add', '.');
    git('commit', '--quiet', '-m', 'The homelab GitOps repository');
    server.createRepository(GITOPS_OWNER, GITOPS_REPO, seed);
  } finally {
    rmSync(seed, { recursive: true, force: true });
  }
  const repoDir = server.repoPath(GITOPS_OWNER, GITOPS_REPO);
  return {
    server,
    remote: server.repoUrl(GITOPS_OWNER, GITOPS_REPO),
    integration: (password = opts.password) => JSON.stringify([{ host: new URL(server.baseUrl).host, baseUrl: server.baseUrl, username: opts.username, password }]),
    git: (...args) => execFileSync('git', args, { cwd: repoDir, encoding: 'utf8' }).trim(),
    close: () => server.close(),
  };
}
