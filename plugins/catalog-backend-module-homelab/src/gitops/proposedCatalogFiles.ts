import { matchesGlob } from 'node:path';
import {
  checkoutGit,
  type GitopsCheckout,
} from '@internal/plugin-homelab-node';

/** A catalog file that only an open scaffold branch has. */
export interface ProposedCatalogFile {
  /** e.g. `scaffold/miniflux`. */
  branch: string;
  /** Repository-relative path, as it will be on the base branch once merged. */
  path: string;
  data: Buffer;
}

/** A catalog file larger than this on a branch is skipped: a scaffold writes a few KiB. */
const MAX_BYTES = 1024 * 1024;

/**
 * The catalog files (those the layout's globs match) that each `scaffold/*` branch of the
 * checkout adds since it left the base branch, read from git objects (never a working
 * tree; a link, a submodule or an oversized blob is skipped). Paths in `known` (the files
 * of the base branch or the working tree) are left out: once a branch is merged, the base
 * branch's copy is the entity's only source.
 */
export async function proposedCatalogFiles(options: {
  checkout: GitopsCheckout;
  patterns: string[];
  known: ReadonlySet<string>;
}): Promise<ProposedCatalogFile[]> {
  const { checkout, patterns, known } = options;
  const { proposals } = await checkout.state();
  const found: ProposedCatalogFile[] = [];
  const claimed = new Set(known);
  for (const proposal of proposals) {
    const added = (
      await checkoutGit(checkout.dir, [
        'diff',
        '--name-only',
        '--no-renames',
        '--diff-filter=A',
        '-z',
        `${checkout.baseRef}...${proposal.commit}`,
        '--',
      ])
    )
      .split('\0')
      .filter(Boolean)
      .filter(
        file =>
          !claimed.has(file) &&
          !file.split('/').some(segment => segment.startsWith('.')) &&
          patterns.some(pattern => matchesGlob(file, pattern)),
      );
    for (const path of added) {
      const [mode, type, sha, size] = (
        await checkoutGit(checkout.dir, [
          'ls-tree',
          '-l',
          proposal.commit,
          '--',
          path,
        ])
      ).split(/\s+/);
      if (type !== 'blob' || !/^100(644|755)$/.test(mode)) continue;
      if (Number(size) > MAX_BYTES) continue;
      const text = await checkoutGit(checkout.dir, ['cat-file', 'blob', sha], {
        raw: true,
        maxBuffer: MAX_BYTES + 1,
      });
      // Two branches adding the same file: the first (by branch name) is shown.
      claimed.add(path);
      found.push({ branch: proposal.branch, path, data: Buffer.from(text) });
    }
  }
  return found;
}
