import { promises as fs } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const NOT_PLANS = new Set(['index.md', 'readme.md']);

export interface PlanFile {
  absPath: string;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
}

/**
 * The markdown files under the configured folders (recursively), except
 * `index.md` and `README.md`, which describe a folder rather than a plan.
 * A folder that does not exist is reported through `onMissing`, not thrown.
 */
export async function findPlanFiles(
  repositoryRoot: string,
  folders: string[],
  onMissing: (folder: string, absPath: string) => void,
): Promise<PlanFile[]> {
  const found = new Map<string, PlanFile>();
  for (const folder of folders) {
    const dir = resolve(repositoryRoot, folder);
    let names: string[];
    try {
      names = (await fs.readdir(dir, { recursive: true })) as string[];
    } catch {
      onMissing(folder, dir);
      continue;
    }
    for (const name of names.sort()) {
      const base = name.split(sep).pop()!.toLowerCase();
      if (!/\.(md|markdown)$/.test(base) || NOT_PLANS.has(base)) continue;
      const absPath = join(dir, name);
      const file = relative(repositoryRoot, absPath).split(sep).join('/');
      found.set(absPath, { absPath, file });
    }
  }
  return [...found.values()];
}
