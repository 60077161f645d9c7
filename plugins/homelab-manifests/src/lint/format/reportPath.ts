import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A finding's file as CI tools want it: relative to `baseDir` (the repository root the
 * job runs in) with forward slashes, or null when the file lies outside it.
 */
export function relativeReportPath(
  file: string,
  baseDir: string,
): string | null {
  const relative = path.relative(baseDir, path.resolve(baseDir, file));
  if (
    relative === '' ||
    relative.startsWith('..') ||
    path.isAbsolute(relative)
  ) {
    return null;
  }
  return relative.split(path.sep).join('/');
}

/** A SARIF artifact URI: a relative reference when inside `baseDir`, else a file: URL. */
export function artifactUri(file: string, baseDir: string): string {
  const relative = relativeReportPath(file, baseDir);
  if (relative === null) return pathToFileURL(path.resolve(baseDir, file)).href;
  return relative.split('/').map(encodeURIComponent).join('/');
}
