import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_CUTOVER_RUNBOOK,
  ANNOTATION_RUNBOOKS,
} from '@internal/plugin-homelab-common';
import { parseAllDocuments, parseDocument } from 'yaml';
import type { GitopsRepository } from './gitopsRepository';
import type { LayoutPlan } from './layoutPlan';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';
const TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';

/** The GitOps repository's TechDocs site: its entity and the folder MkDocs reads pages from. */
export interface RepositoryDocs {
  /** e.g. `component:default/homelab-docs`. */
  entityRef: string;
  /** Repository path of MkDocs' docs_dir with a trailing "/", e.g. `docs/`. */
  docsDir: string;
}

/**
 * The repository's docs site as Backstage lays it out: an entity of the root
 * catalog-info.yaml with `backstage.io/techdocs-ref: dir:.` (TechDocs only builds a `dir:`
 * at or below its catalog file, so a site holding docs/ is declared at the root), whose
 * pages are the files below mkdocs.yml's docs_dir (MkDocs' default, `docs`). Undefined
 * when the repository declares no such entity: then nothing could show the runbooks.
 */
export function repositoryDocs(
  rootCatalogInfo: string | undefined,
  mkdocsYml: string | undefined,
): RepositoryDocs | undefined {
  if (!rootCatalogInfo) return undefined;
  for (const doc of parseAllDocuments(rootCatalogInfo)) {
    if (doc.errors.length > 0) continue;
    const entity = doc.toJS() as any;
    const ref = entity?.metadata?.annotations?.[TECHDOCS_REF];
    if (typeof ref !== 'string' || !/^dir:(\.|\.\/)$/.test(ref.trim()))
      continue;
    const { kind, metadata } = entity;
    if (typeof kind !== 'string' || typeof metadata?.name !== 'string')
      continue;
    const entityRef = stringifyEntityRef({
      kind,
      namespace:
        typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
      name: metadata.name,
    });
    return { entityRef, docsDir: `${docsDirOf(mkdocsYml)}/` };
  }
  return undefined;
}

/**
 * docs_dir of mkdocs.yml. MkDocs' `!!python/name:` tags are only unresolved-tag
 * warnings to the yaml library, so the file parses as it is.
 */
function docsDirOf(mkdocsYml: string | undefined): string {
  const value = mkdocsYml
    ? parseDocument(mkdocsYml).get('docs_dir')
    : undefined;
  const dir = (typeof value === 'string' ? value : 'docs')
    .trim()
    .replace(/^\.\//, '')
    .replace(/\/+$/, '');
  return dir === '' || dir === '.' ? 'docs' : dir;
}

/**
 * `<entity-ref>#<page path>` of each runbook file the site serves (MkDocs serves
 * `<docs_dir>/runbooks/x.md` as `runbooks/x`); files outside docs_dir are left out.
 */
export function runbookEntries(
  runbookPaths: string[],
  docs: RepositoryDocs,
): { runbooks: string[]; cutover?: string } {
  const runbooks = runbookPaths
    .filter(path => path.startsWith(docs.docsDir) && /\.md$/i.test(path))
    .map(
      path =>
        `${docs.entityRef}#${path
          .slice(docs.docsDir.length)
          .replace(/\.md$/i, '')}`,
    );
  return {
    runbooks,
    cutover: runbooks.find(entry => /-cutover$/.test(entry)),
  };
}

/**
 * The plan with every service entity listing the runbooks the publish writes (the
 * imported cutover and rollback runbooks), as the repository's docs site serves them,
 * and naming that site as its TechDocs. Annotations the entity already has are kept.
 */
export function withRunbookAnnotations(
  plan: LayoutPlan,
  docs: RepositoryDocs | undefined,
): LayoutPlan {
  if (!docs) return plan;
  const { runbooks, cutover } = runbookEntries(plan.runbookPaths, docs);
  if (runbooks.length === 0) return plan;
  const entityPaths = new Set(plan.catalogInfoPaths);
  return {
    ...plan,
    files: plan.files.map(file => {
      if (!entityPaths.has(file.path)) return file;
      const doc = parseDocument(file.content.toString('utf8'));
      const add = (key: string, value: string | undefined) => {
        if (value && !doc.hasIn(['metadata', 'annotations', key]))
          doc.setIn(['metadata', 'annotations', key], value);
      };
      add(TECHDOCS_ENTITY, docs.entityRef);
      add(ANNOTATION_RUNBOOKS, runbooks.join(','));
      add(ANNOTATION_CUTOVER_RUNBOOK, cutover);
      return { ...file, content: Buffer.from(doc.toString({ lineWidth: 0 })) };
    }),
  };
}

/** A regular file of the base branch, or undefined when it has none at `path`. */
export async function readBaseFile(
  repository: Pick<GitopsRepository, 'baseEntry' | 'readBase'>,
  path: string,
): Promise<string | undefined> {
  const entry = await repository.baseEntry(path);
  if (entry?.type !== 'blob' || entry.mode === '120000') return undefined;
  return repository.readBase(path);
}
