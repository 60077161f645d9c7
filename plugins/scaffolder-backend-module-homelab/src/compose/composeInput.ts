import fs from 'node:fs/promises';
import type { ComposeSources } from '@internal/homelab-manifests';
import {
  assertNoParentSegments,
  refuse,
  safeChildPath,
} from '../validation/inputRules';

const MAX_COMPOSE_BYTES = 256 * 1024;

/** Pasted env_file contents: by path (an object), or as the form's list of `{ path, content }`. */
export type PastedEnvFiles =
  | Record<string, string>
  | { path: string; content: string }[];

/** The compose text of `composeYaml`, or of the workspace file `composePath`; size-capped. */
export async function composeText(
  workspace: string,
  yaml: string | undefined,
  path: string | undefined,
): Promise<string> {
  if (yaml && path)
    refuse('composeYaml', 'give either composeYaml or composePath, not both');
  let text = yaml;
  if (!text && path) {
    const file = safeChildPath(workspace, 'composePath', path);
    // A FIFO or /dev/zero would hold the task; a huge file is refused before it is read.
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && (!stat.isFile() || stat.size > MAX_COMPOSE_BYTES)) {
      refuse(
        'composePath',
        `${path} is not a regular file of at most ${
          MAX_COMPOSE_BYTES / 1024
        } KiB; give the compose file itself`,
      );
    }
    text = await fs.readFile(file, 'utf8').catch(error => {
      refuse('composePath', `${path} cannot be read (${error.code ?? error})`);
    });
  }
  if (!text?.trim())
    refuse('composeYaml', 'is empty; paste the docker-compose.yml');
  if (Buffer.byteLength(text) > MAX_COMPOSE_BYTES) {
    refuse(
      'composeYaml',
      `is larger than ${
        MAX_COMPOSE_BYTES / 1024
      } KiB; paste only the compose file`,
    );
  }
  return text;
}

/**
 * The importer's sources from pasted form fields only: nothing is read from disk. The
 * `.env` also answers an `env_file: .env`; paths with `..` or a leading `/` are refused.
 */
export function pastedSources(
  envFile: string | undefined,
  envFiles: PastedEnvFiles | undefined,
): ComposeSources {
  const byPath: Record<string, string> = Array.isArray(envFiles)
    ? Object.fromEntries(envFiles.map(f => [f.path, f.content]))
    : { ...envFiles };
  for (const path of Object.keys(byPath)) {
    assertNoParentSegments('envFiles', path);
    if (path.startsWith('/'))
      refuse(
        'envFiles',
        `${path} must be relative to the compose file, as its env_file entry gives it`,
      );
  }
  const pasted: Record<string, string | undefined> = {
    '.env': envFile,
    ...Object.fromEntries(
      Object.entries(byPath).map(([p, c]) => [p.replace(/^\.\//, ''), c]),
    ),
  };
  return {
    envFile: envFile || undefined,
    readFile: path => pasted[path.replace(/^\.\//, '')] || undefined,
  };
}
