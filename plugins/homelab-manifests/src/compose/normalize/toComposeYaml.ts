import { stringify } from 'yaml';
import type { NormalizedCompose } from './types';

/**
 * The normalized file as compose YAML, `$` in values written as `$$` as `docker compose
 * config` does (keys are never interpolated), so reading it again gives the same long form.
 */
export function toComposeYaml(compose: NormalizedCompose): string {
  return stringify(escape(compose), {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

function escape(node: unknown): unknown {
  if (typeof node === 'string') return node.replace(/\$/g, '$$$$');
  if (Array.isArray(node)) return node.map(escape);
  if (node && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, escape(v)]),
    );
  return node;
}
