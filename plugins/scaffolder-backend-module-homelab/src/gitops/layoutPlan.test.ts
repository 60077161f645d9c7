import fs from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { GITOPS_LAYOUTS } from '@internal/plugin-homelab-node';
import { parse } from 'yaml';
import { planLayout } from './layoutPlan';

describe('where the workspace lands in the layout', () => {
  const dir = createMockDirectory();
  const write = (path: string, content = 'kind: ConfigMap\n') => {
    fs.mkdirSync(join(dir.path, path, '..'), { recursive: true });
    fs.writeFileSync(join(dir.path, path), content);
  };
  const plan = (layout = GITOPS_LAYOUTS.default) =>
    planLayout({
      workspacePath: dir.path,
      manifestsPath: 'manifests',
      docsPath: 'docs',
      name: 'karakeep',
      layout,
    });

  beforeEach(() => {
    dir.clear();
    write('manifests/bookmarks/karakeep/deployment.yaml');
    write(
      'manifests/bookmarks/karakeep/catalog-info.yaml',
      `# the component
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: karakeep
  annotations:
    homelab.dev/phase-plan: docs/phases/karakeep.md # written by the template
spec: { type: service, owner: group:default/homelab-admins, lifecycle: experimental }
`,
    );
    write('manifests/bookmarks/namespace.yaml');
    write(
      'manifests/bookmarks/kustomization.yaml',
      'resources:\n  - namespace.yaml\n  - karakeep/\n',
    );
    write('docs/phases/karakeep.md', '# Phase 4.30\n');
    write('docs/runbooks/karakeep-cutover.md', '# Cutover\n');
  });

  it('puts phase plans and runbooks where the layout says and points the entity at the moved plan', async () => {
    const result = await plan({
      ...GITOPS_LAYOUTS.flux,
      phasePlans: 'docs/todo/',
      runbooks: 'ops/runbooks/',
    });
    expect(result.files.map(f => f.path).sort()).toEqual([
      'docs/todo/karakeep.md',
      'kubernetes/apps/bookmarks/karakeep/app/catalog-info.yaml',
      'kubernetes/apps/bookmarks/karakeep/app/deployment.yaml',
      'kubernetes/apps/bookmarks/karakeep/ks.yaml',
      'kubernetes/apps/bookmarks/kustomization.yaml',
      'kubernetes/apps/bookmarks/namespace.yaml',
      'ops/runbooks/karakeep-cutover.md',
    ]);
    const entity = result.files.find(f =>
      f.path.endsWith('catalog-info.yaml'),
    )!;
    const text = entity.content.toString();
    expect(parse(text).metadata.annotations['homelab.dev/phase-plan']).toBe(
      'docs/todo/karakeep.md',
    );
    expect(text).toContain('# written by the template');
    const parent = result.files.find(
      f => f.path === 'kubernetes/apps/bookmarks/kustomization.yaml',
    )!;
    expect(parse(parent.content.toString()).resources).toEqual([
      'namespace.yaml',
      'karakeep/ks.yaml',
    ]);
    expect(result.parentKustomization).toEqual({
      path: 'kubernetes/apps/bookmarks/kustomization.yaml',
      entries: ['karakeep/ks.yaml'],
    });
  });

  it('lists the runbooks at their layout paths, never a phase plan sharing the folder', async () => {
    const result = await plan({
      ...GITOPS_LAYOUTS.default,
      phasePlans: 'docs/todo/',
      runbooks: 'docs/todo/',
    });
    expect(result.runbookPaths).toEqual(['docs/todo/karakeep-cutover.md']);
  });

  it('leaves the default layout byte for byte', async () => {
    const result = await plan();
    const entity = result.files.find(
      f => f.path === 'manifests/bookmarks/karakeep/catalog-info.yaml',
    )!;
    expect(entity.content.toString()).toBe(
      fs.readFileSync(
        join(dir.path, 'manifests/bookmarks/karakeep/catalog-info.yaml'),
        'utf8',
      ),
    );
  });

  it.each([
    [
      'manifests/bookmarks/other/deployment.yaml',
      /manifestsPath: manifests\/bookmarks\/other\/deployment\.yaml is neither a file of the service folder/,
    ],
    [
      'manifests/media/namespace.yaml',
      /must hold one namespace folder with the service karakeep, found bookmarks, media/,
    ],
    [
      'docs/README.md',
      /docsPath: docs\/README\.md is not a file of docs\/phases\/ or docs\/runbooks\//,
    ],
  ])('refuses %s, which the layout has no place for', async (path, message) => {
    write(path);
    await expect(plan()).rejects.toThrow(message);
  });

  describe('a compose stack: every service folder of the namespace', () => {
    const stack = (layout = GITOPS_LAYOUTS.default) =>
      planLayout({
        workspacePath: dir.path,
        manifestsPath: 'manifests',
        docsPath: 'docs',
        name: 'bookmarks-stack',
        layout,
        stack: true,
      });
    beforeEach(() => {
      write('manifests/bookmarks/chrome/deployment.yaml');
      write(
        'manifests/bookmarks/chrome/catalog-info.yaml',
        'kind: Component\n',
      );
      write('manifests/bookmarks/meilisearch/job.yaml');
      write(
        'manifests/bookmarks/kustomization.yaml',
        '# the stack\nresources:\n  - namespace.yaml\n  - karakeep/\n  - chrome/\n  - meilisearch/\n',
      );
    });

    it.each([
      [
        'default',
        GITOPS_LAYOUTS.default,
        'manifests/bookmarks/kustomization.yaml',
        ['karakeep/', 'chrome/', 'meilisearch/'],
        [
          'manifests/bookmarks/chrome/catalog-info.yaml',
          'manifests/bookmarks/chrome/deployment.yaml',
          'manifests/bookmarks/karakeep/catalog-info.yaml',
          'manifests/bookmarks/karakeep/deployment.yaml',
          'manifests/bookmarks/meilisearch/job.yaml',
        ],
      ],
      [
        'flux',
        GITOPS_LAYOUTS.flux,
        'kubernetes/apps/bookmarks/kustomization.yaml',
        ['karakeep/ks.yaml', 'chrome/ks.yaml', 'meilisearch/ks.yaml'],
        [
          'kubernetes/apps/bookmarks/chrome/app/catalog-info.yaml',
          'kubernetes/apps/bookmarks/chrome/app/deployment.yaml',
          'kubernetes/apps/bookmarks/chrome/ks.yaml',
          'kubernetes/apps/bookmarks/karakeep/app/catalog-info.yaml',
          'kubernetes/apps/bookmarks/karakeep/app/deployment.yaml',
          'kubernetes/apps/bookmarks/karakeep/ks.yaml',
          'kubernetes/apps/bookmarks/meilisearch/app/job.yaml',
          'kubernetes/apps/bookmarks/meilisearch/ks.yaml',
        ],
      ],
      [
        'argocd',
        GITOPS_LAYOUTS.argocd,
        'argocd/namespaces/bookmarks/kustomization.yaml',
        [
          '../../manifests/karakeep/',
          '../../manifests/chrome/',
          '../../manifests/meilisearch/',
        ],
        [
          'argocd/manifests/chrome/catalog-info.yaml',
          'argocd/manifests/chrome/deployment.yaml',
          'argocd/manifests/karakeep/catalog-info.yaml',
          'argocd/manifests/karakeep/deployment.yaml',
          'argocd/manifests/meilisearch/job.yaml',
        ],
      ],
    ])(
      'the %s layout gets one folder per service and a namespace kustomization listing each',
      async (_, layout, parentPath, entries, serviceFiles) => {
        const result = await stack(layout);
        const nsDir = parentPath.replace(/kustomization\.yaml$/, '');
        expect(
          result.files
            .map(f => f.path)
            .filter(p => !p.startsWith('docs/'))
            .sort(),
        ).toEqual(
          [parentPath, `${nsDir}namespace.yaml`, ...serviceFiles].sort(),
        );
        expect(result.parentKustomization).toEqual({
          path: parentPath,
          entries,
        });
        const parent = result.files.find(f => f.path === parentPath)!;
        const text = parent.content.toString();
        expect(parse(text).resources).toEqual(['namespace.yaml', ...entries]);
        expect(text).toContain('# the stack');
        expect(result.catalogInfoPaths).toEqual(
          serviceFiles.filter(p => p.endsWith('catalog-info.yaml')),
        );
      },
    );

    it('without stack, a second service folder is still refused', async () => {
      await expect(plan()).rejects.toThrow(
        /manifests\/bookmarks\/chrome\/catalog-info\.yaml is neither a file of the service folder bookmarks\/karakeep\//,
      );
    });
  });

  it.each([
    [
      'default',
      GITOPS_LAYOUTS.default,
      'manifests/bookmarks/catalog-info.yaml',
    ],
    [
      'flux',
      GITOPS_LAYOUTS.flux,
      'kubernetes/apps/bookmarks/catalog-info.yaml',
    ],
    [
      'argocd',
      GITOPS_LAYOUTS.argocd,
      'argocd/namespaces/bookmarks/catalog-info.yaml',
    ],
  ])(
    "the %s layout puts a new namespace's catalog Resource in the namespace folder, unchanged",
    async (_, layout, expected) => {
      const resource =
        'kind: Resource\nmetadata: { name: bookmarks }\nspec: { type: kubernetes-namespace }\n';
      write('manifests/bookmarks/catalog-info.yaml', resource);
      const result = await plan(layout);
      const placed = result.files.filter(f =>
        f.path.endsWith('/catalog-info.yaml'),
      );
      expect(placed.map(f => f.path)).toContain(expected);
      expect(placed.find(f => f.path === expected)!.content.toString()).toBe(
        resource,
      );
      // only service entities are the task's entity refs
      expect(result.catalogInfoPaths).not.toContain(expected);
    },
  );

  it('refuses a link, even one inside the workspace', async () => {
    fs.symlinkSync(
      'deployment.yaml',
      join(dir.path, 'manifests/bookmarks/karakeep/copy.yaml'),
    );
    await expect(plan()).rejects.toThrow(
      /copy\.yaml is a link; the GitOps repository gets files only/,
    );
  });
});
