import { parseAllDocuments } from 'yaml';
import { assertNoParentSegments, refuse } from '../validation/inputRules';

const ANNOTATION_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Adds annotations (e.g. homelab.dev/phase-plan) to the Component of a rendered
 * catalog-info.yaml, keeping its comments and layout.
 */
export function addCatalogAnnotations(
  content: string,
  annotations: Record<string, string>,
): string {
  for (const [key, value] of Object.entries(annotations)) {
    const field = `catalogAnnotations["${key}"]`;
    if (!ANNOTATION_KEY.test(key) || key.length > 316) {
      refuse(
        field,
        'is not a valid annotation key such as homelab.dev/phase-plan',
      );
    }
    assertNoParentSegments(field, value);
  }
  const docs = parseAllDocuments(content);
  for (const doc of docs) {
    if (doc.get('kind') !== 'Component') continue;
    for (const [key, value] of Object.entries(annotations)) {
      doc.setIn(['metadata', 'annotations', key], value);
    }
  }
  return docs.map(d => d.toString({ lineWidth: 0 })).join('---\n');
}
