import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { GitopsLayout, GitopsLayoutPreset } from './types';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['namespace', 'name']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The layout each preset stands for; `default` is this repository's own. */
export const GITOPS_LAYOUTS: Record<GitopsLayoutPreset, GitopsLayout> = {
  default: {
    preset: 'default',
    service: 'manifests/{namespace}/{name}/',
    namespace: 'manifests/{namespace}/',
    phasePlans: 'docs/phases/',
    runbooks: 'docs/runbooks/',
  },
  // home-ops style: kubernetes/apps/<namespace>/kustomization.yaml lists ./<app>/ks.yaml,
  // a Flux Kustomization whose path is the app/ folder beside it.
  flux: {
    preset: 'flux',
    service: 'kubernetes/apps/{namespace}/{name}/app/',
    namespace: 'kubernetes/apps/{namespace}/',
    fluxKustomization: 'kubernetes/apps/{namespace}/{name}/ks.yaml',
    phasePlans: 'docs/phases/',
    runbooks: 'docs/runbooks/',
  },
  // one folder per application, which an Argo CD Application (or ApplicationSet) points at;
  // namespaces get their own folders so a service named like its namespace cannot collide.
  argocd: {
    preset: 'argocd',
    service: 'argocd/manifests/{name}/',
    namespace: 'argocd/namespaces/{namespace}/',
    phasePlans: 'docs/phases/',
    runbooks: 'docs/runbooks/',
  },
};

/**
 * Checks a path template of `homelab.gitops.layout.<field>`: relative, no "..", and only
 * the `{namespace}` and `{name}` placeholders. Returns it with "/" separators.
 */
export function checkLayoutTemplate(field: string, template: string): string {
  const where = `homelab.gitops.layout.${field}`;
  if (typeof template !== 'string' || template.trim() === '') {
    throw new InputError(
      `${where}: must be a path such as manifests/{namespace}/{name}/`,
    );
  }
  const value = template.replace(/\\/g, '/');
  if (value.startsWith('/') || /^[A-Za-z]:\//.test(value)) {
    throw new InputError(
      `${where}: "${template}" must be relative to the repository root; remove the leading "/"`,
    );
  }
  if (value.split('/').some(segment => segment === '..' || segment === '.')) {
    throw new InputError(
      `${where}: "${template}" must not contain "." or ".." segments; give the path from the repository root`,
    );
  }
  for (const [, placeholder] of value.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.has(placeholder)) {
      throw new InputError(
        `${where}: unknown placeholder {${placeholder}} in "${template}"; use {namespace} and {name}`,
      );
    }
  }
  if (/[{}]/.test(value.replace(PLACEHOLDER, ''))) {
    throw new InputError(
      `${where}: "${template}" has an unbalanced "{" or "}"`,
    );
  }
  return value;
}

/** Values of a layout's placeholders; each must be a DNS-1123 label. */
export interface LayoutValues {
  namespace: string;
  name?: string;
}

/**
 * Expands a layout template into a repository-relative path ("/" separated, a folder
 * keeps its trailing "/"), refusing placeholder values that are not DNS labels.
 */
export function expandLayoutPath(
  template: string,
  values: LayoutValues,
): string {
  return template.replace(PLACEHOLDER, (_, placeholder: string) => {
    const value = values[placeholder as keyof LayoutValues];
    if (value === undefined) {
      throw new InputError(
        `the layout path "${template}" needs {${placeholder}}, which this file has none of`,
      );
    }
    if (!DNS_LABEL.test(value)) {
      throw new InputError(
        `${placeholder}: "${value}" is not a DNS-1123 label (lower-case letters, digits and "-", at most 63 characters), so it cannot be a folder of the layout`,
      );
    }
    return value;
  });
}

/**
 * Expands a layout template and resolves it under `root` with Backstage's
 * resolveSafeChildPath (real paths, links followed): the absolute path inside `root`.
 */
export function resolveLayoutPath(
  root: string,
  template: string,
  values: LayoutValues,
): string {
  return resolveSafeChildPath(root, expandLayoutPath(template, values));
}
