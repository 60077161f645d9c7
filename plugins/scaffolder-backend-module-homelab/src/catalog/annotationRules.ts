import { isAbsolute } from 'node:path';
import {
  ANNOTATION_DISCOVERED,
  ANNOTATION_PHASE_PLAN,
} from '@internal/plugin-homelab-common';
import { assertNoParentSegments, refuse } from '../validation/inputRules';

const ANNOTATION_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The only backstage.io/* keys a template may add: the Kubernetes plugin's selectors
 * (kubernetes-id, kubernetes-cluster, ...). Every other key of that family decides where
 * the catalog, TechDocs or this portal read from or link to (source-location,
 * managed-by-location, techdocs-ref, view-url, ...), so a form value must not set it.
 */
const ALLOWED_BACKSTAGE_KEY = /^backstage\.io\/kubernetes-[a-z0-9-]+$/;

/** Set only by the entity provider; a scaffolded entity is declared, not discovered. */
const PROVIDER_ONLY = new Set([ANNOTATION_DISCOVERED]);

/**
 * Refuses, naming the key, an annotation that a template must not add:
 * an invalid key; a backstage.io/* key outside the allow-list; a key the render
 * already wrote (added annotations never replace rendered ones); a value with "..";
 * a phase plan that is not a repository-relative path or an http(s) URL.
 */
export function assertAnnotationAllowed(
  key: string,
  value: string,
  rendered: ReadonlySet<string>,
): void {
  const field = `catalogAnnotations["${key}"]`;
  if (!ANNOTATION_KEY.test(key) || key.length > 316) {
    refuse(
      field,
      'is not a valid annotation key such as homelab.dev/phase-plan',
    );
  }
  const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  if (
    (prefix === 'backstage.io' || prefix.endsWith('.backstage.io')) &&
    !ALLOWED_BACKSTAGE_KEY.test(key)
  ) {
    refuse(
      field,
      'backstage.io/* annotations decide where the catalog and the portal read from; a template may only add backstage.io/kubernetes-* keys. Remove it (use a homelab.dev/* key for your own data)',
    );
  }
  if (PROVIDER_ONLY.has(key)) {
    refuse(field, 'is set only by the homelab entity provider; remove it');
  }
  if (rendered.has(key)) {
    refuse(
      field,
      'is already written by the render from the service spec; change the spec instead',
    );
  }
  if (typeof value !== 'string') refuse(field, 'must be a text value');
  assertNoParentSegments(field, value);
  if (key === ANNOTATION_PHASE_PLAN) assertPhasePlanValue(field, value);
}

function assertPhasePlanValue(field: string, value: string): void {
  if (/^https?:\/\//i.test(value)) return;
  if (
    /^[a-z][a-z0-9+.-]*:/i.test(value) ||
    isAbsolute(value) ||
    value.startsWith('\\')
  ) {
    refuse(
      field,
      `"${value}" must be a path relative to the repository (e.g. docs/phases/miniflux.md) or an https URL`,
    );
  }
}
