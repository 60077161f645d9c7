/**
 * Validators for the small Kubernetes value formats shared by the service spec and the
 * lint rules. Each returns a problem sentence, or undefined when the value is fine.
 */

import { parseQuantity as commonParseQuantity } from '@internal/plugin-homelab-common';
import {
  ImageParts,
  parseImageReference,
  splitImageParts,
} from './imageReference';

export function quantityProblem(value: string): string | undefined {
  if (commonParseQuantity(value) === undefined) {
    return `"${value}" is not a Kubernetes quantity; write a number with an optional unit such as 500m, 0.5, 256Mi or 2Gi`;
  }
  if (value.startsWith('-')) {
    return `"${value}" is negative; resources and sizes must be positive`;
  }
  return undefined;
}

/** The numeric value of a quantity that passed quantityProblem (e.g. "256Mi" -> 268435456). */
export function parseQuantity(value: string): number {
  return commonParseQuantity(value) ?? NaN;
}

export function dnsLabelProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) {
    return `"${value}" is ${value.length} characters long; a DNS-1123 label has at most 63`;
  }
  if (value.includes('..') || value.includes('/')) {
    return `"${value}" must not contain ".." or "/"`;
  }
  if (/[A-Z]/.test(value)) {
    return `"${value}" has upper-case letters; use lower case (${value.toLowerCase()})`;
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    return `"${value}" must start and end with a letter or digit, not "-"`;
  }
  if (!/^[a-z0-9-]+$/.test(value)) {
    return `"${value}" may only contain lower-case letters, digits and "-"`;
  }
  return undefined;
}

export function hostnameProblem(value: string): string | undefined {
  if (value.includes('_')) {
    return `"${value}" contains "_"; hostnames may only use letters, digits, "-" and "."`;
  }
  if (value.startsWith('*.')) {
    return `"${value}" is a wildcard; give each service its own hostname`;
  }
  if (value.length > 253) return `"${value}" is longer than 253 characters`;
  if (value.endsWith('.')) return `"${value}" must not end with "."`;
  for (const label of value.split('.')) {
    const problem = dnsLabelProblem(label);
    if (problem) return `"${value}" has an invalid part: ${problem}`;
  }
  return undefined;
}

/** Container port names follow IANA service names: <=15 characters, at least one letter. */
export function portNameProblem(value: string): string | undefined {
  if (value.length > 15) return `"${value}" is longer than 15 characters`;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) || value.includes('--')) {
    return `"${value}" may only contain lower-case letters, digits and single "-" between them`;
  }
  if (!/[a-z]/.test(value)) return `"${value}" needs at least one letter`;
  return undefined;
}

/**
 * Repository, tag and digest of an image as written, split by position even when the
 * reference is invalid (the compose importer re-tags what it is given).
 */
export function parseImage(image: string): ImageParts {
  return splitImageParts(image);
}

/** Why an image reference is invalid or floats ("latest", no tag), or undefined when pinned. */
export function imageProblem(image: string): string | undefined {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return parsed.problem;
  const { tag, digest } = parsed.reference;
  if (digest !== undefined) return undefined;
  if (tag === undefined) {
    return `"${image}" has no tag, so it floats like "latest"; pin a version tag (e.g. ${image}:1.2.3) or a @sha256 digest`;
  }
  if (tag === 'latest') {
    return `"${image}" uses the floating tag "latest"; pin a version tag or a @sha256 digest`;
  }
  return undefined;
}

/** Flux post-build substitution, e.g. ${CLUSTER_DOMAIN}. */
export function hasSubstitution(value: unknown): boolean {
  return typeof value === 'string' && /\$\{[^}]*\}/.test(value);
}
