import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// @backstage/create-app's version that creates an app of each Backstage release (its
// dist/package.json.cjs.js carries the release as `root`; its backstage.json.hbs writes it).
const CREATE_APP_FOR_RELEASE: Record<string, string> = {
  '1.53.0': '0.9.0',
  '1.54.0': '0.9.1',
  '1.55.0': '0.9.2',
};

/** The Backstage release of the repository at `root` (backstage.json) and the create-app that makes it. */
export function createAppVersion(root: string): {
  release: string;
  createApp: string;
} {
  const release: string = JSON.parse(
    readFileSync(join(root, 'backstage.json'), 'utf8'),
  ).version;
  const createApp = CREATE_APP_FOR_RELEASE[release];
  if (!createApp) {
    throw new Error(
      `backstage.json names Backstage ${release}, which bench/stock/createAppVersion.ts does not map to an @backstage/create-app version: add the create-app release whose templates/default-app/backstage.json.hbs creates ${release}`,
    );
  }
  return { release, createApp };
}
