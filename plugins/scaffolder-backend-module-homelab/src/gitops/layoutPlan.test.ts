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
      entry: 'karakeep/ks.yaml',
    });
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
