import path from 'node:path';

/** This package's folder, found through module resolution rather than __dirname. */
export const PACKAGE_DIR = path.dirname(
  require.resolve('@internal/homelab-sim/package.json'),
);

export const SCENARIOS_DIR = path.join(PACKAGE_DIR, 'scenarios');

export const FIXTURE_MANIFESTS = path.join(
  PACKAGE_DIR,
  'fixtures',
  'manifests',
);
