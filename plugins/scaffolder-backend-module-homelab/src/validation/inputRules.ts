import { isAbsolute, relative, sep } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import { dnsLabelProblem } from '@internal/homelab-manifests';

/** Refuses the task before anything is written, naming the field and the rule. */
export function refuse(field: string, rule: string): never {
  throw new InputError(`${field}: ${rule}`);
}

/**
 * A path inside `root` given as task input, returned resolved. Refused, naming `field`:
 * NUL characters, absolute paths, ".." segments, and paths that Backstage's
 * resolveSafeChildPath finds leave `root` once links are followed (real paths of both
 * sides, dangling links included).
 *
 * @param rootLabel - how the message names the root, e.g. `the working copy`
 */
export function safeChildPath(
  root: string,
  field: string,
  value: string,
  rootLabel = 'the workspace',
): string {
  if (typeof value !== 'string') refuse(field, 'must be a text path');
  if (value.includes('\0')) refuse(field, 'must not contain NUL characters');
  if (isAbsolute(value) || /^[A-Za-z]:[\\/]|^\\\\/.test(value)) {
    refuse(
      field,
      `"${value}" must be a relative path inside ${rootLabel}, e.g. manifests; remove the leading "/"`,
    );
  }
  assertNoParentSegments(field, value);
  try {
    return resolveSafeChildPath(root, value);
  } catch (error) {
    if (isError(error) && error.name === 'NotAllowedError') {
      refuse(
        field,
        `"${value}" resolves through a link to a place outside ${rootLabel}; give a folder of ${rootLabel} that is not a link out of it`,
      );
    }
    throw error;
  }
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
