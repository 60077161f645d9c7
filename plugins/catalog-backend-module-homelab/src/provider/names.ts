/**
 * Entity names allow 1-63 characters of [A-Za-z0-9] separated by single
 * `-`, `_` or `.`; Kubernetes and Ollama names are mapped into that form.
 */
export function toEntityName(raw: string): string {
  const name = raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+/, '')
    .slice(0, 63)
    .replace(/[._-]+$/, '');
  return name || 'unnamed';
}

/** `moondream` and `moondream:latest` are the same Ollama model. */
export function normalizeOllamaTag(tag: string): string {
  const afterPath = tag.lastIndexOf('/') + 1;
  return tag.includes(':', afterPath) ? tag : `${tag}:latest`;
}

/** `qwen3:1.7b` -> `qwen3-1.7b`, `moondream:latest` -> `moondream`. */
export function modelEntityName(tag: string): string {
  return toEntityName(normalizeOllamaTag(tag).replace(/:latest$/, ''));
}
