import { parseDocument } from 'yaml';
import type { RenderedFile } from '../../render/renderManifests';

/**
 * The catalog name of a stack's service: `<namespace>-<service>`, as this repository
 * names the helpers of a stack (karakeep-chrome), so that two stacks with a `redis`
 * each are two entities; a service already named after the namespace keeps its name.
 */
export function stackEntityName(namespace: string, name: string): string {
  if (name === namespace || name.startsWith(`${namespace}-`)) return name;
  return `${namespace}-${name}`.slice(0, 63).replace(/-+$/, '');
}

/** Renames the Component of every `<namespace>/<service>/catalog-info.yaml` (in place). */
export function nameStackEntities(files: RenderedFile[], namespace: string) {
  files.forEach((file, i) => {
    const parts = file.path.split('/');
    if (parts.length !== 3 || parts[2] !== 'catalog-info.yaml') return;
    const doc = parseDocument(file.content);
    doc.setIn(['metadata', 'name'], stackEntityName(namespace, parts[1]));
    files[i] = { path: file.path, content: doc.toString({ lineWidth: 0 }) };
  });
}
