import { at } from './workloads';
import type { LintObject } from './types';

export const LINT_IGNORE_ANNOTATION = 'homelab.dev/lint-ignore';

export interface Suppression {
  rules: Set<string>;
  reason: string;
}

/** Parses `"<rule>[,<rule>]: <reason>"`; the reason may be missing (that is reported). */
export function suppressionOf(object: LintObject): Suppression | undefined {
  const raw = at(object.value, [
    'metadata',
    'annotations',
    LINT_IGNORE_ANNOTATION,
  ]);
  if (typeof raw !== 'string') return undefined;
  const colon = raw.indexOf(':');
  const list = colon < 0 ? raw : raw.slice(0, colon);
  const reason = colon < 0 ? '' : raw.slice(colon + 1).trim();
  const rules = new Set(
    list
      .split(',')
      .map(r => r.trim())
      .filter(Boolean),
  );
  return { rules, reason };
}
