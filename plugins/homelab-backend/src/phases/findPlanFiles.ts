import { promises as fs } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';

const NOT_PLANS = new Set(['index.md', 'readme.md']);

/** A markdown file name other than `index.md` and `README.md`, which describe a folder. */
export function isPlanFileName(name: string): boolean {
  const base = name.toLowerCase();
  return /\.(md|markdown)$/.test(base) && !NOT_PLANS.has(base);
}

export interface PlanFile {
  absPath: string;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
}

/**
 * The markdown files under the configured folders (recursively), except
 * `index.md` and `README.md`, which describe a folder rather than a plan.
 * Links to folders are not followed; one that leads outside the phase folders
 * is reported. A markdown link is listed and checked when it is read. Problems
 * (a missing folder, such a link) go to `onProblem` and name no host path.
 */
export async function findPlanFiles(
  repositoryRoot: string,
  folders: string[],
  onProblem: (source: string, message: string) => void,
): Promise<PlanFile[]> {
  const found = new Map<string, PlanFile>();
  const roots = folders.map(folder => resolve(repositoryRoot, folder));
  const shown = (abs: string) =>
    relative(repositoryRoot, abs).split(sep).join('/');
  for (const [i, folder] of folders.entries()) {
    let entries;
    try {
      entries = await fs.readdir(roots[i], {
        recursive: true,
        withFileTypes: true,
      });
    } catch {
      onProblem(
        'homelab.phases.folders',
        `The phase folder "${folder}" does not exist; fix homelab.phases.folders or homelab.repositoryRoot`,
      );
      continue;
    }
    const paths = entries
      .map(e => ({ entry: e, absPath: join(e.parentPath, e.name) }))
      .sort((a, b) => a.absPath.localeCompare(b.absPath));
    for (const { entry, absPath } of paths) {
      const markdown = isPlanFileName(entry.name);
      if (entry.isSymbolicLink() && !markdown) {
        const target = await fs.realpath(absPath).catch(() => undefined);
        if (target && !roots.some(root => isChildPath(root, target))) {
          onProblem(
            shown(absPath),
            `"${shown(
              absPath,
            )}" is a link that leads outside homelab.phases.folders; it is not followed`,
          );
        }
        continue;
      }
      // FIFOs and devices are listed too: reading refuses them with a problem.
      if (!markdown || entry.isDirectory()) continue;
      found.set(absPath, { absPath, file: shown(absPath) });
    }
  }
  return [...found.values()];
}
