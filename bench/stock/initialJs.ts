import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { InitialJs } from './types.ts';

const SCRIPT_SRC = /<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi;
// Static ES imports and re-exports of another file; dynamic import() is lazy and not counted.
const STATIC_IMPORT =
  /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g;

/** The dist-relative file a script URL of index.html names, or an error naming the URL. */
function scriptFile(distDir: string, src: string): string {
  if (/^[a-z]+:\/\//i.test(src) || src.startsWith('//')) {
    throw new Error(
      `index.html in ${distDir} loads ${src} from another origin: initial JavaScript can only be measured for the app's own files`,
    );
  }
  const path = decodeURIComponent(src.split(/[?#]/)[0]);
  // app.baseUrl may put the app under a path prefix; the files sit at the end of the URL path.
  const parts = path.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (existsSync(join(distDir, candidate))) return normalize(candidate);
  }
  throw new Error(
    `index.html in ${distDir} loads ${src}, which is not a file of that folder`,
  );
}

/**
 * Sums the gzip size of the JavaScript the page loads initially: index.html's script tags and,
 * transitively, the files those statically import (ES module output). gzip at zlib's default
 * level 6, as compression middleware and most reverse proxies serve it.
 */
export function initialJs(distDir: string): InitialJs {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(
      `${indexFile} does not exist: build the app first (backstage-cli package build in its app package)`,
    );
  }
  const html = readFileSync(indexFile, 'utf8');
  const queue = [...html.matchAll(SCRIPT_SRC)].map(m =>
    scriptFile(distDir, m[1]),
  );
  if (queue.length === 0)
    throw new Error(`${indexFile} has no <script src> tag`);
  const seen = new Set<string>();
  let rawBytes = 0;
  let gzipBytes = 0;
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const content = readFileSync(join(distDir, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content).length;
    for (const match of content.toString('utf8').matchAll(STATIC_IMPORT)) {
      const target = match[1];
      if (!target.startsWith('.') && !target.startsWith('/')) continue;
      const absolute = target.startsWith('/')
        ? join(distDir, scriptFile(distDir, target))
        : resolve(dirname(join(distDir, file)), target);
      if (!existsSync(absolute)) {
        throw new Error(
          `${file} imports ${target}, which is not a file of ${distDir}`,
        );
      }
      queue.push(relative(distDir, absolute));
    }
  }
  return { files: [...seen], rawBytes, gzipBytes };
}
