import type { RunbookRef, RunbookRefProblem } from './types';

// [kind:][namespace/]name, the shape of a Backstage entity reference.
const ENTITY_REF =
  /^(?:[A-Za-z0-9][\w.-]*:)?(?:[A-Za-z0-9][\w.-]*\/)?[A-Za-z0-9][\w.-]*$/;

/**
 * Reads a `homelab.dev/runbooks` (or `homelab.dev/cutover-runbook`) value and
 * reports every entry it cannot use instead of throwing.
 * Page paths are returned without a leading slash.
 */
export function checkRunbookRefs(value: string): {
  refs: RunbookRef[];
  problems: RunbookRefProblem[];
} {
  const refs: RunbookRef[] = [];
  const problems: RunbookRefProblem[] = [];
  const entries = typeof value === 'string' ? value.split(',') : [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const hash = entry.indexOf('#');
    if (hash < 0) {
      problems.push({
        entry,
        message: `"${entry}" has no "#<page path>"; write it as <entity-ref>#<page path>, e.g. component:default/karakeep#runbooks/restore`,
      });
      continue;
    }
    const entityRef = entry.slice(0, hash).trim();
    const path = entry
      .slice(hash + 1)
      .trim()
      .replace(/^\/+/, '');
    if (!ENTITY_REF.test(entityRef)) {
      problems.push({
        entry,
        message: `"${entityRef}" in "${entry}" is not an entity reference; use [kind:][namespace/]name`,
      });
    } else if (!path || path.includes('#')) {
      problems.push({
        entry,
        message: `"${entry}" needs exactly one page path after "#", e.g. ${entityRef}#runbooks/restore`,
      });
    } else {
      refs.push({ entityRef, path });
    }
  }
  return { refs, problems };
}

/** The usable entries of a `homelab.dev/runbooks` value; bad entries are skipped (see {@link checkRunbookRefs}). */
export function parseRunbookRefs(value: string): RunbookRef[] {
  return checkRunbookRefs(value).refs;
}
