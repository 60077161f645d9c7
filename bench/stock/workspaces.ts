import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  name: string;
  dir: string;
  bundled: boolean;
  dependencies: string[];
}

function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The packages of an npm/yarn workspace root whose workspaces are `<folder>/*` globs. */
export function listWorkspacePackages(
  root: string,
): Map<string, WorkspacePackage> {
  const manifest = readJson(join(root, 'package.json'));
  const globs: string[] = Array.isArray(manifest.workspaces)
    ? manifest.workspaces
    : manifest.workspaces?.packages ?? [];
  const packages = new Map<string, WorkspacePackage>();
  for (const glob of globs) {
    if (!glob.endsWith('/*'))
      throw new Error(
        `${root}/package.json: workspace pattern ${glob} is not of the form <folder>/*`,
      );
    const folder = join(root, glob.slice(0, -2));
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder)) {
      const file = join(folder, entry, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = readJson(file);
      packages.set(pkg.name, {
        name: pkg.name,
        dir: join(folder, entry),
        bundled: pkg.bundled === true,
        dependencies: Object.keys(pkg.dependencies ?? {}),
      });
    }
  }
  return packages;
}

/**
 * The workspace packages `name` needs at run time, itself excluded, dependencies first. A
 * bundled package (the frontend app) is included, but what it bundles is not, as the CLI's
 * dist workspace does it.
 */
export function localDependencies(
  packages: Map<string, WorkspacePackage>,
  name: string,
): WorkspacePackage[] {
  const order: WorkspacePackage[] = [];
  const visited = new Set<string>();
  const visit = (current: WorkspacePackage) => {
    if (visited.has(current.name)) return;
    visited.add(current.name);
    if (!current.bundled) {
      for (const dep of current.dependencies) {
        const local = packages.get(dep);
        if (local) visit(local);
      }
    }
    if (current.name !== name) order.push(current);
  };
  const target = packages.get(name);
  if (!target) throw new Error(`no workspace package named ${name}`);
  visit(target);
  return order;
}
