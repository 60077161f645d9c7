import { parse } from 'yaml';
import { addCatalogAnnotations } from './addCatalogAnnotations';

// As the render writes it, with a comment a person added and a second document.
const RENDERED = `# Catalog entry of miniflux
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: miniflux
  annotations:
    backstage.io/kubernetes-label-selector: app.kubernetes.io/name=miniflux
    backstage.io/kubernetes-namespace: miniflux # where its pods run
spec:
  type: service
  owner: group:default/homelab-admins
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: miniflux-data
spec:
  type: volume
`;

const annotationsOf = (content: string) =>
  parse(content.split('---\n')[0]).metadata.annotations;

describe('catalogAnnotations', () => {
  it('adds homelab.dev keys and Kubernetes selectors, keeping the comments', () => {
    const out = addCatalogAnnotations(RENDERED, {
      'homelab.dev/phase-plan': 'docs/phases/miniflux.md',
      'homelab.dev/runbooks': 'component:default/miniflux#runbooks/cutover.md',
      'backstage.io/kubernetes-id': 'miniflux',
      'backstage.io/kubernetes-cluster': 'k3s-main',
    });
    expect(annotationsOf(out)).toMatchObject({
      'homelab.dev/phase-plan': 'docs/phases/miniflux.md',
      'backstage.io/kubernetes-id': 'miniflux',
      'backstage.io/kubernetes-cluster': 'k3s-main',
      'backstage.io/kubernetes-namespace': 'miniflux',
    });
    expect(out).toContain('# where its pods run');
  });

  it('accepts an https phase plan, which the UrlReader reads', () => {
    const out = addCatalogAnnotations(RENDERED, {
      'homelab.dev/phase-plan':
        'https://gitea.home.arpa/lab/gitops/src/branch/main/docs/phases/miniflux.md',
    });
    expect(annotationsOf(out)['homelab.dev/phase-plan']).toMatch(/^https:/);
  });

  it.each([
    ['backstage.io/source-location', 'url:file:///'],
    ['backstage.io/source-location', 'file:/'],
    ['backstage.io/managed-by-location', 'file:/etc/passwd'],
    ['backstage.io/managed-by-origin-location', 'file:/etc/'],
    ['backstage.io/techdocs-ref', 'dir:/etc'],
    ['backstage.io/techdocs-entity', 'component:default/portal'],
    ['backstage.io/view-url', 'https://evil.example/view'],
    ['backstage.io/edit-url', 'https://evil.example/edit'],
    ['backstage.io/orphan', 'true'],
    ['backstage.io/code-coverage', 'enabled'],
    ['techdocs.backstage.io/builder', 'local'],
  ])('refuses %s, naming the key', (key, value) => {
    expect(() => addCatalogAnnotations(RENDERED, { [key]: value })).toThrow(
      `catalogAnnotations["${key}"]: backstage.io/* annotations decide where the catalog and the portal read from; a template may only add backstage.io/kubernetes-* keys`,
    );
  });

  it('refuses a key the render already wrote, so the Kubernetes tab keeps the rendered namespace', () => {
    expect(() =>
      addCatalogAnnotations(RENDERED, {
        'homelab.dev/phase-plan': 'docs/phases/miniflux.md',
        'backstage.io/kubernetes-namespace': 'kube-system',
      }),
    ).toThrow(
      'catalogAnnotations["backstage.io/kubernetes-namespace"]: is already written by the render from the service spec; change the spec instead',
    );
  });

  it('refuses the provider-only homelab.dev/discovered key', () => {
    expect(() =>
      addCatalogAnnotations(RENDERED, { 'homelab.dev/discovered': 'cluster' }),
    ).toThrow('catalogAnnotations["homelab.dev/discovered"]: is set only by');
  });

  it.each([
    ['/etc/passwd'],
    ['file:/etc/passwd'],
    ['file:///etc/passwd'],
    ['\\\\host\\share\\plan.md'],
    ['C:/Users/plan.md'],
  ])('refuses the phase plan %s, which is not inside the repository', value => {
    expect(() =>
      addCatalogAnnotations(RENDERED, { 'homelab.dev/phase-plan': value }),
    ).toThrow(
      `catalogAnnotations["homelab.dev/phase-plan"]: "${value}" must be a path relative to the repository`,
    );
  });

  it.each([['docs/../../../etc/passwd'], ['..\\..\\etc\\passwd']])(
    'refuses a value with "..": %s',
    value => {
      expect(() =>
        addCatalogAnnotations(RENDERED, { 'homelab.dev/phase-plan': value }),
      ).toThrow('contains ".."');
    },
  );

  it.each([['Not A Key'], ['homelab.dev/'], ['/phase-plan'], ['a/b/c']])(
    'refuses the malformed key %j',
    key => {
      expect(() => addCatalogAnnotations(RENDERED, { [key]: 'x' })).toThrow(
        `catalogAnnotations["${key}"]: is not a valid annotation key`,
      );
    },
  );
});
