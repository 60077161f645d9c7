import fs from 'node:fs';
import path from 'node:path';

/** A path that a file asked for but that resolves outside the folder it may use. */
export class OutsideRootError extends Error {
  constructor(readonly requested: string, readonly rootLabel: string) {
    super(
      `"${requested}" resolves outside ${rootLabel}; give a relative path inside it, without ../ or links that leave it`,
    );
    this.name = 'OutsideRootError';
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
function realPathOfExisting(p: string): string {
  const missing: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync(current), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = path.dirname(current);
      if (parent === current) return p;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * The absolute path of `requested` under `root`, refusing any that leave it:
 * `../`, absolute paths and symbolic links (followed as the file system does)
 * that point outside. The same rule as Backstage's `resolveSafeChildPath`,
 * without a Backstage import, for the CLI's paths found inside files it reads
 * (env_file, extends, kustomization resources). Paths that do not exist yet
 * are checked through their nearest existing ancestor.
 *
 * @param rootLabel - how the error names the root, e.g. `the compose file's folder`
 */
export function safeChildPath(
  root: string,
  requested: string,
  rootLabel = 'its folder',
): string {
  const realRoot = realPathOfExisting(path.resolve(root));
  const joined = path.resolve(realRoot, requested);
  if (!isInside(realRoot, joined))
    throw new OutsideRootError(requested, rootLabel);
  const real = realPathOfExisting(joined);
  if (!isInside(realRoot, real))
    throw new OutsideRootError(requested, rootLabel);
  return real;
}
