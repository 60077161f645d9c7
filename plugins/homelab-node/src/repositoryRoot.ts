import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '@backstage/config';

function isWorkspaceRoot(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return Boolean(JSON.parse(readFileSync(file, 'utf8')).workspaces);
  } catch {
    return false;
  }
}

/**
 * The repository the backend runs from: the nearest folder at or above `cwd`
 * whose package.json declares workspaces (the monorepo root in development,
 * /app in the container image), else `cwd`.
 */
export function findRepositoryRoot(cwd: string): string {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (isWorkspaceRoot(dir)) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** The working tree: `homelab.repositoryRoot` resolved against `cwd`, else findRepositoryRoot. */
export function readRepositoryRoot(config: Config, cwd: string): string {
  return resolve(
    cwd,
    config.getOptionalString('homelab.repositoryRoot') ??
      findRepositoryRoot(cwd),
  );
}
