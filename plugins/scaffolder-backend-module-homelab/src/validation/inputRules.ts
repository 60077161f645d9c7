import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '@backstage/errors';
import { dnsLabelProblem } from '@internal/homelab-manifests';

/** Refuses the task before anything is written, naming the field and the rule. */
export function refuse(field: string, rule: string): never {
  throw new InputError(`${field}: ${rule}`);
}

/** A path inside `root`: relative, without ".." segments; returns it resolved. */
export function safeChildPath(
  root: string,
  field: string,
  value: string,
): string {
  if (value.includes('\0')) refuse(field, 'must not contain NUL characters');
  if (isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value)) {
    refuse(field, `"${value}" must be a relative path inside the workspace`);
  }
  assertNoParentSegments(field, value);
  const target = resolve(root, value);
  const rel = relative(resolve(root), target);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    refuse(field, `"${value}" points outside the workspace`);
  }
  return target;
}

/** "../" (or "..\\") anywhere in a name or path is refused outright, not normalised away. */
export function assertNoParentSegments(field: string, value: string): void {
  if (value.split(/[\\/]/).includes('..')) {
    refuse(
      field,
      `"${value}" contains "..", which could leave the target folder; remove it`,
    );
  }
}

/** A DNS-1123 label such as a service or namespace name. */
export function assertDnsLabel(field: string, value: string): void {
  const problem = dnsLabelProblem(value);
  if (problem)
    refuse(
      field,
      `${problem} (DNS-1123 label: lower-case letters, digits and "-", at most 63 characters)`,
    );
}

/** Workspace-relative form of an absolute path, with "/" separators. */
export function toWorkspacePath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
