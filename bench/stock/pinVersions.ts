import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BACKSTAGE = /^@backstage\//;

/** `@backstage/*` versions of this repository's package-lock.json (its top-level copies). */
function lockedBackstageVersions(repoRoot: string): Record<string, string> {
  const lock = JSON.parse(
    readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'),
  );
  const versions: Record<string, string> = {};
  for (const [path, entry] of Object.entries<any>(lock.packages ?? {})) {
    const name = path.replace(/^node_modules\//, '');
    if (
      path.startsWith('node_modules/') &&
      !name.includes('/node_modules/') &&
      BACKSTAGE.test(name) &&
      entry.version &&
      !entry.link
    ) {
      versions[name] = entry.version;
    }
  }
  return versions;
}

/**
 * Pins every `@backstage/*` package of the stock app, transitive ones included, with npm
 * overrides: the template's own packages to the versions its create-app release names
 * (`packageVersions`), the others to this repository's lockfile; this repository's other
 * overrides apply too. The template's ^ ranges would
 * otherwise take today's newest versions, which mix later releases into the app (seen: a
 * signals backend calling httpRouter.addWebSocketHandler, which backend-defaults 0.18 lacks).
 * create-app pins them with a yarn.lock seed it downloads, which cannot be fetched here.
 */
export function pinBackstageVersions(
  appRoot: string,
  repoRoot: string,
  releaseVersions: Record<string, string>,
): number {
  const pins: Record<string, string> = { ...lockedBackstageVersions(repoRoot) };
  for (const [name, version] of Object.entries(releaseVersions))
    if (BACKSTAGE.test(name)) pins[name] = version;
  const manifestFile = join(appRoot, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  // npm refuses an override that differs from the root's own range for the same package.
  for (const field of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(manifest[field] ?? {}))
      if (pins[name]) manifest[field][name] = pins[name];
  }
  // And this repository's own overrides, which make npm resolve as yarn's resolutions do
  // (without them npm hoisted React 17 for a dependency and the app did not compile).
  const repoOverrides =
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
      .overrides ?? {};
  manifest.overrides = { ...manifest.overrides, ...repoOverrides, ...pins };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return Object.keys(pins).length;
}
