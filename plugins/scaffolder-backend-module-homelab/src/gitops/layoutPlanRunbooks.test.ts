import { checkRunbookRefs } from '@internal/plugin-homelab-common';
import { parse } from 'yaml';
import type { LayoutPlan, PlannedFile } from './layoutPlan';
import {
  readBaseFile,
  repositoryDocs,
  runbookEntries,
  withRunbookAnnotations,
} from './layoutPlanRunbooks';

const ROOT_CATALOG = `apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: homelab }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: homelab-docs
  annotations:
    backstage.io/techdocs-ref: dir:.
spec: { type: documentation, owner: group:default/homelab-admins, lifecycle: production }
`;

const file = (path: string, content = ''): PlannedFile => ({
  path,
  content: Buffer.from(content),
  executable: false,
  source: path,
});

const ENTITY = `# the component
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: linkding
  annotations:
    homelab.dev/phase-plan: docs/phases/linkding.md # moved by the layout
spec: { type: service, owner: group:default/homelab-admins, lifecycle: experimental }
`;

function plan(runbooks: string[]): LayoutPlan {
  return {
    namespace: 'linkding',
    files: [
      file('manifests/linkding/catalog-info.yaml', 'kind: Resource\n'),
      file('manifests/linkding/linkding/catalog-info.yaml', ENTITY),
      file('docs/phases/linkding.md', '# Phase\n'),
      ...runbooks.map(path => file(path, '# Runbook\n')),
    ],
    parentKustomization: {
      path: 'manifests/linkding/kustomization.yaml',
      entries: ['linkding/'],
    },
    catalogInfoPaths: ['manifests/linkding/linkding/catalog-info.yaml'],
    runbookPaths: runbooks,
  };
}

const annotationsOf = (result: LayoutPlan, path: string) =>
  parse(result.files.find(f => f.path === path)!.content.toString()).metadata
    .annotations;

describe("the repository's docs site", () => {
  it("is the root catalog-info.yaml's entity with techdocs-ref dir:., pages below docs/", () => {
    expect(repositoryDocs(ROOT_CATALOG, undefined)).toEqual({
      entityRef: 'component:default/homelab-docs',
      docsDir: 'docs/',
    });
  });

  it("reads mkdocs.yml's docs_dir, even beside MkDocs' python tags", () => {
    const mkdocs =
      "site_name: Lab\ndocs_dir: 'site-docs/'\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n";
    expect(repositoryDocs(ROOT_CATALOG, mkdocs)?.docsDir).toBe('site-docs/');
  });

  it.each([
    ['no root catalog file', undefined],
    [
      'no TechDocs entity there',
      'kind: Component\nmetadata: { name: app }\nspec: {}\n',
    ],
    [
      'a docs site of a sub-folder only',
      'kind: Component\nmetadata:\n  name: app\n  annotations: { backstage.io/techdocs-ref: dir:./app }\n',
    ],
  ])('is none with %s', (_, catalog) => {
    expect(repositoryDocs(catalog, undefined)).toBeUndefined();
  });
});

describe('runbook entries', () => {
  const docs = {
    entityRef: 'component:default/homelab-docs',
    docsDir: 'docs/',
  };

  it('are <entity-ref>#<page path> as the card reads them, the cutover one named', () => {
    const entries = runbookEntries(
      [
        'docs/runbooks/linkding-cutover.md',
        'docs/runbooks/linkding-rollback.md',
      ],
      docs,
    );
    expect(entries).toEqual({
      runbooks: [
        'component:default/homelab-docs#runbooks/linkding-cutover',
        'component:default/homelab-docs#runbooks/linkding-rollback',
      ],
      cutover: 'component:default/homelab-docs#runbooks/linkding-cutover',
    });
    expect(checkRunbookRefs(entries.runbooks.join(',')).problems).toEqual([]);
  });

  it('leave out files the docs site does not serve', () => {
    expect(
      runbookEntries(['ops/runbooks/linkding-cutover.md'], docs).runbooks,
    ).toEqual([]);
  });
});

describe('the published entity', () => {
  const docs = repositoryDocs(ROOT_CATALOG, undefined);

  it('lists the runbooks it came with and names the docs site, comments kept', () => {
    const result = withRunbookAnnotations(
      plan([
        'docs/runbooks/linkding-cutover.md',
        'docs/runbooks/linkding-rollback.md',
      ]),
      docs,
    );
    const path = 'manifests/linkding/linkding/catalog-info.yaml';
    expect(annotationsOf(result, path)).toEqual({
      'homelab.dev/phase-plan': 'docs/phases/linkding.md',
      'backstage.io/techdocs-entity': 'component:default/homelab-docs',
      'homelab.dev/runbooks':
        'component:default/homelab-docs#runbooks/linkding-cutover,component:default/homelab-docs#runbooks/linkding-rollback',
      'homelab.dev/cutover-runbook':
        'component:default/homelab-docs#runbooks/linkding-cutover',
    });
    const text = result.files.find(f => f.path === path)!.content.toString();
    expect(text).toContain('# moved by the layout');
    // the namespace's Resource is no runbook holder
    expect(
      result.files
        .find(f => f.path === 'manifests/linkding/catalog-info.yaml')!
        .content.toString(),
    ).toBe('kind: Resource\n');
  });

  it('names pages wherever the layout put the runbooks below docs_dir', () => {
    const result = withRunbookAnnotations(
      plan(['docs/ops/linkding-cutover.md']),
      docs,
    );
    expect(
      annotationsOf(result, 'manifests/linkding/linkding/catalog-info.yaml')[
        'homelab.dev/runbooks'
      ],
    ).toBe('component:default/homelab-docs#ops/linkding-cutover');
  });

  it('keeps runbooks a template already listed', () => {
    const own = plan(['docs/runbooks/linkding-cutover.md']);
    own.files[1] = file(
      own.files[1].path,
      ENTITY.replace(
        '    homelab.dev/phase-plan',
        '    homelab.dev/runbooks: component:default/wiki#restore\n    homelab.dev/phase-plan',
      ),
    );
    const result = withRunbookAnnotations(own, docs);
    expect(
      annotationsOf(result, 'manifests/linkding/linkding/catalog-info.yaml')[
        'homelab.dev/runbooks'
      ],
    ).toBe('component:default/wiki#restore');
  });

  it.each([
    ['the repository has no docs site', undefined, ['docs/runbooks/a.md']],
    ['no runbook is published', docs, []],
  ])('is unchanged when %s', (_, site, runbooks) => {
    const before = plan(runbooks);
    expect(withRunbookAnnotations(before, site)).toBe(before);
  });
});

describe('reading the base branch', () => {
  it('gives a regular file and nothing for a missing path or a link', async () => {
    const entries: Record<string, { mode: string; type: string }> = {
      'catalog-info.yaml': { mode: '100644', type: 'blob' },
      'mkdocs.yml': { mode: '120000', type: 'blob' },
    };
    const repository = {
      baseEntry: async (path: string) => entries[path],
      readBase: async (path: string) => `content of ${path}`,
    };
    await expect(readBaseFile(repository, 'catalog-info.yaml')).resolves.toBe(
      'content of catalog-info.yaml',
    );
    await expect(
      readBaseFile(repository, 'mkdocs.yml'),
    ).resolves.toBeUndefined();
    await expect(
      readBaseFile(repository, 'mkdocs.yaml'),
    ).resolves.toBeUndefined();
  });
});
