import { parseAllDocuments } from 'yaml';
import { assertAnnotationAllowed } from './annotationRules';

/**
 * Adds annotations (e.g. homelab.dev/phase-plan) to the Component of a rendered
 * catalog-info.yaml, keeping its comments and layout. Every key is checked first
 * (annotationRules.ts), so a refused one leaves the file as rendered.
 */
export function addCatalogAnnotations(
  content: string,
  annotations: Record<string, string>,
): string {
  const docs = parseAllDocuments(content);
  const components = docs.filter(doc => doc.get('kind') === 'Component');
  const rendered = new Set<string>(
    components.flatMap(doc => {
      const existing = doc.getIn(['metadata', 'annotations']) as any;
      return existing?.items?.map((pair: any) => String(pair.key)) ?? [];
    }),
  );
  for (const [key, value] of Object.entries(annotations)) {
    assertAnnotationAllowed(key, value, rendered);
  }
  for (const doc of components) {
    for (const [key, value] of Object.entries(annotations)) {
      doc.setIn(['metadata', 'annotations', key], value);
    }
  }
  return docs.map(d => d.toString({ lineWidth: 0 })).join('---\n');
}
