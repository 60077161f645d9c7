/** What one app's backend showed on one cold start. */
export interface BackendStart {
  /** Spawn of the process to the first 200 from /.backstage/health/v1/readiness. */
  readyMs: number;
  /** VmRSS summed over the backend's process tree, sampled after it settled. */
  rssBytes: number;
}

/** The JavaScript a built frontend's index.html loads before any lazy chunk. */
export interface InitialJs {
  /** Files relative to the dist folder, in the order they were found. */
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

/** One app under comparison: where its workspace is and how its backend is started. */
export interface AppUnderTest {
  label: string;
  /** The npm workspace root (package.json with workspaces). */
  root: string;
  /** Extra configuration files after the app's own app-config.yaml, absolute. */
  extraConfigs: string[];
  /** Environment for the backend besides NODE_ENV, the port and the data folder overrides. */
  env: Record<string, string>;
}
