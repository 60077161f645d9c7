/**
 * A stable, URL-safe id for a plan: its repository-relative path or URL
 * without the extension, lower-cased, with every other character run as "-".
 * `docs/phases/phase-4.23-ollama.md` becomes `docs-phases-phase-4.23-ollama`.
 */
export function planIdOf(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\.(md|markdown)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '');
}
