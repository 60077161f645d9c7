import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CUTOVER_RUNBOOK,
  ANNOTATION_RUNBOOKS,
  checkRunbookRefs,
  type RunbookRef,
  type RunbookRefProblem,
} from '@internal/plugin-homelab-common';

export interface RunbookLink {
  /** Full entity ref of the entity whose TechDocs hold the page. */
  docsEntityRef: string;
  path: string;
  /** Into the TechDocs reader: /docs/<namespace>/<kind>/<name>/<page>/ */
  href: string;
  title: string;
  isCutover: boolean;
  /** Shown first because the cutover is under way. */
  pinned: boolean;
}

/** "runbooks/karakeep-cutover" reads as "Karakeep cutover". */
function titleOf(path: string): string {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? path;
  const words = last
    .replace(/\.(md|html)$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words ? words[0].toLocaleUpperCase('en-US') + words.slice(1) : path;
}

/** MkDocs serves docs/x.md at x/ (and index.md at its folder). */
export function pagePath(path: string): string {
  const page = path.replace(/(^|\/)index\.md$/i, '$1').replace(/\.md$/i, '/');
  return page === '' || page.endsWith('/') || /\.html$/i.test(page)
    ? page
    : `${page}/`;
}

function toLink(
  ref: RunbookRef,
  entity: Entity,
  isCutover: boolean,
): RunbookLink {
  // Kind and namespace may be left out of the annotation: TechDocs sites are
  // usually components, and a ref without namespace means the entity's own.
  const target = parseEntityRef(ref.entityRef, {
    defaultKind: 'component',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  const lower = (s: string) => encodeURIComponent(s.toLocaleLowerCase('en-US'));
  return {
    docsEntityRef: stringifyEntityRef(target),
    path: ref.path,
    href: `/docs/${lower(target.namespace)}/${lower(target.kind)}/${lower(
      target.name,
    )}/${pagePath(ref.path)}`,
    title: titleOf(ref.path),
    isCutover,
    pinned: false,
  };
}

/**
 * The runbooks of an entity as TechDocs links, with the cutover runbook first
 * while the cutover is in progress, and every annotation entry that could not
 * be used.
 */
export function runbookLinks(
  entity: Entity,
  cutoverInProgress: boolean,
): { links: RunbookLink[]; problems: RunbookRefProblem[] } {
  const annotations = entity.metadata.annotations ?? {};
  const listed = checkRunbookRefs(annotations[ANNOTATION_RUNBOOKS] ?? '');
  const cutover = checkRunbookRefs(
    annotations[ANNOTATION_CUTOVER_RUNBOOK] ?? '',
  );
  const problems = [...listed.problems, ...cutover.problems];

  const listedLinks = listed.refs.map(r => toLink(r, entity, false));
  const cutoverLink = cutover.refs[0] && toLink(cutover.refs[0], entity, true);
  if (!cutoverLink) return { links: listedLinks, problems };
  const links = listedLinks.filter(l => l.href !== cutoverLink.href);
  if (cutoverInProgress) {
    return { links: [{ ...cutoverLink, pinned: true }, ...links], problems };
  }
  // Keep the cutover runbook where the list names it, or last when it is not listed.
  const at = listedLinks.findIndex(l => l.href === cutoverLink.href);
  links.splice(at < 0 ? links.length : at, 0, cutoverLink);
  return { links, problems };
}

/** Whether the entity names a cutover runbook at all; only then does the plan matter to the order. */
export function hasCutoverRunbook(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[ANNOTATION_CUTOVER_RUNBOOK]?.trim(),
  );
}
