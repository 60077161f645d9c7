import { isMap, isScalar, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { refuse } from '../validation/inputRules';

const same = (a: string) => a.replace(/^\.\//, '').replace(/\/+$/, '');

/**
 * Adds `entries` to the `resources` list of an existing kustomization.yaml, keeping its
 * comments, order and formatting (the yaml library's Document API); entries already
 * listed (with or without "./" or a trailing "/") are left alone. Refused, naming the
 * file, when it is not a YAML mapping or `resources` is not a list.
 */
export function appendKustomizationResources(
  path: string,
  text: string,
  entries: string[],
): { text: string; added: string[] } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    refuse(
      path,
      `is not valid YAML on the base branch (${doc.errors[0].message}); fix it there first`,
    );
  }
  if (!isMap(doc.contents)) {
    refuse(path, 'is not a kustomization (a YAML mapping) on the base branch');
  }
  let resources = doc.get('resources', true);
  if (resources === undefined || resources === null) {
    resources = doc.createNode([]) as YAMLSeq;
    doc.set('resources', resources);
  }
  if (!isSeq(resources)) {
    refuse(
      path,
      '`resources` is not a list on the base branch; fix it there first',
    );
  }
  const listed = new Set(
    resources.items.map(item =>
      same(String(isScalar(item) ? item.value : item)),
    ),
  );
  const added = entries.filter(entry => !listed.has(same(entry)));
  for (const entry of added) resources.add(doc.createNode(entry));
  return { text: added.length ? doc.toString() : text, added };
}
