import { join, resolve } from 'node:path';
import { findRepositoryRoot } from './repositoryRoot';

/** The portal's data folder: `HOMELAB_DATA_DIR` resolved against `cwd`, else `<repository>/data`. */
export function portalDataDir(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return env.HOMELAB_DATA_DIR
    ? resolve(cwd, env.HOMELAB_DATA_DIR)
    : join(findRepositoryRoot(cwd), 'data');
}
