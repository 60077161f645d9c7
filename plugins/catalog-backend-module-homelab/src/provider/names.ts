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

/** The name of the object in Kubernetes, on discovered entities and optionally on declared ones. */
export const ANNOTATION_KUBERNETES_NAME = 'homelab.dev/kubernetes-name';

export const KUBERNETES_TYPES = [
  'kubernetes-cluster',
  'kubernetes-node',
  'kubernetes-namespace',
] as const;
export type KubernetesType = (typeof KUBERNETES_TYPES)[number];

export function isKubernetesType(type: unknown): type is KubernetesType {
  return (KUBERNETES_TYPES as readonly unknown[]).includes(type);
}

/**
 * Discovered clusters, nodes and namespaces each live in the catalog namespace named after
 * their type (`resource:kubernetes-node/node-1`), so a namespace called like a node or the
 * cluster can never take its ref; the entity name stays the Kubernetes name, which the
 * templates' namespace picker reads.
 */
export function discoveredRef(type: KubernetesType, kubernetesName: string) {
  return `resource:${type}/${toEntityName(kubernetesName)}`.toLowerCase();
}

/** Key of a Kubernetes object in the declared-entity index: its type and Kubernetes name. */
export function kubernetesKey(type: KubernetesType, kubernetesName: string) {
  return `${type}/${kubernetesName.toLowerCase()}`;
}
