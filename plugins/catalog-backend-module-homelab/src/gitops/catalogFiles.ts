import { glob } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { InputError } from '@backstage/errors';
import type { GitopsLayout } from '@internal/plugin-homelab-node';

const PLACEHOLDER = /\{(namespace|name)\}/g;

/**
 * A path matched literally by minimatch-style globs (Node's fs.glob, and the catalog's
 * file reader, which globs with windowsPathsNoEscape): magic characters in a class, as
 * minimatch's own escape() does in that mode.
 */
export function escapeGlob(path: string): string {
  return path.replace(/[?*()[\]]/g, '[$&]');
}

/** A layout folder template as a glob: each placeholder matches one path segment's part. */
function folderGlob(template: string): string {
  return template
    .split(PLACEHOLDER)
    .map((part, i) =>
      // split() with a capture group puts the placeholder names at odd indexes
      i % 2 === 1 ? '*' : escapeGlob(part),
    )
    .join('');
}

/**
 * Where the layout keeps catalog files named `fileName`, as globs relative to the
 * repository root: the root file, each namespace folder's and each service folder's.
 */
export function catalogFileGlobs(
  layout: GitopsLayout,
  fileName: string,
): string[] {
  const name = escapeGlob(fileName);
  return [
    ...new Set([
      name,
      `${folderGlob(layout.namespace)}${name}`,
      `${folderGlob(layout.service)}${name}`,
    ]),
  ];
}

/** The `target` of a `homelab-gitops` location: a catalog file name such as catalog-info.yaml. */
export function checkCatalogFileName(target: string): string {
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(target) ||
    target.includes('..')
  ) {
    throw new InputError(
      `catalog.locations: a homelab-gitops location's target is the name of the catalog files to read, e.g. catalog-info.yaml, not "${target}"`,
    );
  }
  return target;
}

/** The regular files under `root` matching the globs, repository-relative, no dot folders. */
async function layoutFiles(
  root: string,
  patterns: string[],
): Promise<string[]> {
  const found: string[] = [];
  try {
    for await (const entry of glob(patterns, {
      cwd: root,
      withFileTypes: true,
    })) {
      // A link or a folder named like a catalog file is no catalog file.
      if (!entry.isFile()) continue;
      const file = relative(root, join(entry.parentPath, entry.name))
        .split(sep)
        .join('/');
      if (file.split('/').some(segment => segment.startsWith('.'))) continue;
      found.push(file);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
  }
  return found;
}

/**
 * The catalog files the layout places (absolute paths, sorted by repository path): those
 * of the checkout; with `workingTree` (development), those of the working tree too, and
 * the working tree's copy wherever both have one, so an edit shows without a commit and
 * one file is never read from two places (two locations claiming the same entities).
 */
export async function layoutCatalogFiles(options: {
  layout: GitopsLayout;
  fileName: string;
  /** Undefined when the checkout could not be cloned. */
  checkoutDir?: string;
  workingTree?: string;
}): Promise<string[]> {
  const { checkoutDir, workingTree } = options;
  const patterns = catalogFileGlobs(options.layout, options.fileName);
  const chosen = new Map<string, string>();
  if (checkoutDir) {
    for (const file of await layoutFiles(checkoutDir, patterns)) {
      chosen.set(file, join(checkoutDir, file));
    }
  }
  if (workingTree) {
    for (const file of await layoutFiles(workingTree, patterns)) {
      chosen.set(file, join(workingTree, file));
    }
  }
  return [...chosen.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, path]) => path);
}
