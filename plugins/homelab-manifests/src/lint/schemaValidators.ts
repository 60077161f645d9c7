import fs from 'node:fs';
import path from 'node:path';

/** A compiled JSON-schema validator from kubernetes-models (ajv standalone code). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: Array<{
    instancePath: string;
    keyword: string;
    params: any;
    message?: string;
  }> | null;
}

export type SchemaLookup =
  | { status: 'found'; validate: SchemaValidator }
  | { status: 'unknown-kind'; known: string[] }
  | { status: 'no-schema' };

const PACKAGES = ['kubernetes-models', '@kubernetes-models/gateway-api'];

let roots: string[] | undefined;
const cache = new Map<string, SchemaLookup>();

/**
 * The validator for an apiVersion/kind, from kubernetes-models (built-in kinds) or
 * @kubernetes-models/gateway-api. Both are ESM-only with "import"-only exports, so files
 * are located on disk and loaded with require(), which Node 22 supports for ESM.
 */
export function findSchema(apiVersion: string, kind: string): SchemaLookup {
  const key = `${apiVersion}|${kind}`;
  let result = cache.get(key);
  if (!result) {
    result = lookup(apiVersion, kind);
    cache.set(key, result);
  }
  return result;
}

function lookup(apiVersion: string, kind: string): SchemaLookup {
  // Both values come from user input and become file names: allow only plain names.
  if (
    !/^([a-z0-9-]+(\.[a-z0-9-]+)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(
      apiVersion,
    )
  ) {
    return { status: 'no-schema' };
  }
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) return { status: 'no-schema' };
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  for (const root of packageRoots()) {
    const groupDir = group ? path.join(root, group) : root;
    const versionDir = path.join(groupDir, version);
    if (group && !fs.existsSync(groupDir)) continue;
    if (!fs.existsSync(versionDir)) {
      if (!group) continue;
      return { status: 'unknown-kind', known: [] };
    }
    const modelFile = path.join(versionDir, `${kind}.js`);
    const source = fs.existsSync(modelFile)
      ? fs.readFileSync(modelFile, 'utf8')
      : '';
    // Only top-level kinds declare their kind; DeploymentSpec.js and friends do not.
    const schemaFile = /_schemas\/([A-Za-z0-9]+)\.js/.exec(source)?.[1];
    if (!source.includes(`this.kind="${kind}"`) || !schemaFile) {
      return { status: 'unknown-kind', known: topLevelKinds(versionDir) };
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(root, '_schemas', `${schemaFile}.js`));
    return { status: 'found', validate: mod.validate };
  }
  return { status: 'no-schema' };
}

function topLevelKinds(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.js') && f !== 'index.js')
    .map(f => f.slice(0, -3))
    .filter(k =>
      fs
        .readFileSync(path.join(dir, `${k}.js`), 'utf8')
        .includes(`this.kind="${k}"`),
    );
}

function packageRoots(): string[] {
  if (!roots) {
    const searchPaths = require.resolve.paths('kubernetes-models') ?? [];
    roots = PACKAGES.map(pkg => {
      const dir = searchPaths
        .map(base => path.join(base, pkg))
        .find(candidate => fs.existsSync(path.join(candidate, 'package.json')));
      if (!dir) throw new Error(`${pkg} is not installed; run npm install`);
      return dir;
    });
  }
  return roots;
}
