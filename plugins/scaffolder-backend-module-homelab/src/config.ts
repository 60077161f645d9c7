import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Config } from '@backstage/config';
import {
  DEFAULT_BASE_DOMAIN,
  hostnameProblem,
} from '@internal/homelab-manifests';

/** What the homelab actions read from app-config and the environment. */
export interface HomelabScaffolderConfig {
  /** Appended to bare hostnames (`homelab.baseDomain`). */
  baseDomain: string;
  /** The portal's data folder: `HOMELAB_DATA_DIR`, else `<repository>/data` as in app-config.yaml. */
  dataDir: string;
  /** Commit author (`scaffolder.defaultAuthor`). */
  author: { name: string; email: string };
}

export function readHomelabScaffolderConfig(
  config: Config,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): HomelabScaffolderConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const baseDomain =
    config.getOptionalString('homelab.baseDomain') ?? DEFAULT_BASE_DOMAIN;
  const problem = hostnameProblem(baseDomain);
  if (problem) {
    throw new Error(
      `homelab.baseDomain: ${problem}; set a domain such as k8s.home.arpa`,
    );
  }
  return {
    baseDomain,
    dataDir: env.HOMELAB_DATA_DIR
      ? resolve(cwd, env.HOMELAB_DATA_DIR)
      : join(workspaceRoot(cwd), 'data'),
    author: {
      name:
        config.getOptionalString('scaffolder.defaultAuthor.name') ??
        'Homelab portal',
      email:
        config.getOptionalString('scaffolder.defaultAuthor.email') ??
        'portal@homelab.home.arpa',
    },
  };
}

/**
 * The nearest folder at or above `cwd` whose package.json declares workspaces: the
 * repository root when the backend runs from packages/backend, as app-config.yaml's
 * `../../data` assumes.
 */
function workspaceRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if (JSON.parse(readFileSync(file, 'utf8')).workspaces) return dir;
      } catch {
        // not a readable package.json; keep looking upwards
      }
    }
    if (dirname(dir) === dir) return resolve(cwd);
  }
}
