// Copies the installed runtime closure of some packages into <target>/node_modules, laid
// out so that Node's resolution from each copy finds the same versions it finds in the
// workspace (hoisted where no other version is in the way, nested where one is). Copies
// are told apart by name@version: npm may install one version twice in the workspace.
import fs from 'node:fs';
import path from 'node:path';

/** The folder `name` resolves to from `fromDir`, walking up node_modules like Node does. */
function resolvePackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json')))
      return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

const readManifest = dir =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

// TypeScript sources, declarations and source maps are not needed to run; code and
// licences are kept.
const RUNTIME_FILE = file => !/\.[cm]?ts$|\.map$/.test(file);

/**
 * @param {string[]} names packages to vendor, resolved from `fromDir`
 * @param {string} fromDir where the workspace resolves them (the library that uses them)
 * @param {string} target the staged package's root
 * @returns {{ name: string, version: string }[]} the top-level packages, for package.json
 */
export function vendorTree(names, fromDir, target) {
  const placed = new Map(); // staged folder -> name@version
  const queue = [];
  const top = [];

  // Where a copy of `id` (name@version) needed from `stagedFrom` goes, or null if an
  // already placed copy of it is what Node would find there.
  const place = (name, id, stagedFrom) => {
    for (
      let dir = stagedFrom;
      dir.startsWith(target);
      dir = path.dirname(dir)
    ) {
      const candidate = path.join(dir, 'node_modules', name);
      if (placed.has(candidate)) {
        return placed.get(candidate) === id
          ? null
          : path.join(stagedFrom, 'node_modules', name);
      }
      if (dir === target) break;
    }
    return path.join(target, 'node_modules', name);
  };

  const add = (name, source, stagedFrom) => {
    const id = `${name}@${readManifest(source).version}`;
    const dest = place(name, id, stagedFrom);
    if (!dest) return;
    placed.set(dest, id);
    queue.push({ dest, source });
  };

  for (const name of names) {
    const source = resolvePackageDir(name, fromDir);
    if (!source)
      throw new Error(
        `${name} is not installed where ${fromDir} resolves it; run npm install`,
      );
    top.push({ name, version: readManifest(source).version });
    add(name, source, target);
  }
  while (queue.length > 0) {
    const { dest, source } = queue.shift();
    const ownModules = path.join(source, 'node_modules');
    fs.cpSync(source, dest, {
      recursive: true,
      filter: file =>
        file !== ownModules &&
        !file.startsWith(ownModules + path.sep) &&
        RUNTIME_FILE(file),
    });
    const manifest = readManifest(source);
    const deps = { ...manifest.dependencies, ...manifest.optionalDependencies };
    for (const dep of Object.keys(deps)) {
      const depSource = resolvePackageDir(dep, source);
      if (!depSource) {
        if (manifest.optionalDependencies?.[dep]) continue;
        throw new Error(
          `${dep} (needed by ${manifest.name}) is not installed; run npm install`,
        );
      }
      add(dep, depSource, dest);
    }
  }
  return top;
}
