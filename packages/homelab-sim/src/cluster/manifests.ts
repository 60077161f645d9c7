import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './types';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (
      /\.ya?ml$/.test(entry.name) &&
      !/^catalog-info\.ya?ml$/.test(entry.name)
    ) {
      out.push(full);
    }
  }
  return out.sort();
}

function isKubeObject(doc: unknown): doc is KubeObject {
  const d = doc as KubeObject | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.apiVersion === 'string' &&
    typeof d.kind === 'string' &&
    typeof d.metadata?.name === 'string'
  );
}

/**
 * Reads every Kubernetes object under `dir`. A file that is not valid YAML is
 * reported through `log` and skipped as a whole; documents that are not
 * Kubernetes objects (no apiVersion, kind or metadata.name) are ignored.
 * `${VAR}` placeholders stay as they are.
 */
export function loadManifests(
  dir: string,
  log: (msg: string) => void,
): KubeObject[] {
  if (!fs.existsSync(dir)) {
    log(
      `manifests: folder ${dir} does not exist; serving only nodes and namespaces`,
    );
    return [];
  }
  const objects: KubeObject[] = [];
  for (const file of yamlFiles(dir)) {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const broken = docs.find(d => d.errors.length > 0);
    if (broken) {
      log(
        `manifests: skipped ${path.relative(dir, file)}: invalid YAML: ${
          broken.errors[0].message.split('\n')[0]
        }`,
      );
      continue;
    }
    for (const doc of docs) {
      const value = doc.toJS();
      if (isKubeObject(value)) objects.push(value);
    }
  }
  return objects;
}
