import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { entityPlanLocation } from './entityPlanLocation';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'app', annotations },
});

describe('entityPlanLocation', () => {
  let repo: string;
  let context: Parameters<typeof entityPlanLocation>[1];
  const catalogFile = () => join(repo, 'manifests/app/catalog-info.yaml');
  const rootLocation = () => `file:${join(repo, 'catalog-info.yaml')}`;

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'plan-location-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'manifests/app'), { recursive: true });
    context = {
      repositoryRoot: repo,
      catalogFileLocations: new Set([rootLocation()]),
      // What ScmIntegrations.resolveUrl does for a repository-root path on a plain host.
      resolveUrl: ({ url, base }) => new URL(url, base).toString(),
    };
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('takes a full URL as it is', () => {
    expect(
      entityPlanLocation(
        entity({ 'homelab.dev/phase-plan': ' https://git.test/p.md ' }),
        context,
      ),
    ).toEqual({ type: 'url', url: 'https://git.test/p.md' });
  });

  it('resolves a path against the checkout of the catalog file, and marks an entity the catalog loaded from the repository', () => {
    const where = entityPlanLocation(
      entity({
        'homelab.dev/phase-plan': '/docs/phases/p.md',
        'backstage.io/managed-by-location': `file:${catalogFile()}`,
        'backstage.io/managed-by-origin-location': rootLocation(),
      }),
      context,
    );
    expect(where).toEqual({
      type: 'file',
      path: join(repo, 'docs/phases/p.md'),
      file: 'docs/phases/p.md',
      value: '/docs/phases/p.md',
      checkout: repo,
      fromRepository: true,
    });
  });

  it('takes the location a processor is handed, and without catalog.locations nothing is from the repository', () => {
    const where = entityPlanLocation(
      entity({
        'homelab.dev/phase-plan': 'docs/phases/p.md',
        'backstage.io/managed-by-origin-location': rootLocation(),
      }),
      { ...context, catalogFileLocations: undefined },
      { type: 'file', target: catalogFile() },
    );
    expect(where).toMatchObject({
      type: 'file',
      checkout: repo,
      fromRepository: false,
    });
  });

  it('resolves a path of an entity read from a URL against that repository, and prefers its source location', () => {
    expect(
      entityPlanLocation(
        entity({ 'homelab.dev/phase-plan': 'docs/p.md' }),
        context,
        {
          type: 'url',
          target:
            'https://git.test/homelab/blob/main/manifests/app/catalog-info.yaml',
        },
      ),
    ).toEqual({ type: 'url', url: 'https://git.test/docs/p.md' });
    expect(
      entityPlanLocation(
        entity({
          'homelab.dev/phase-plan': 'docs/p.md',
          'backstage.io/managed-by-location': `file:${catalogFile()}`,
          'backstage.io/source-location': 'url:https://forge.test/x/',
        }),
        context,
      ),
    ).toEqual({ type: 'url', url: 'https://forge.test/docs/p.md' });
  });

  it('names the problem for an empty value, a path with nothing to resolve it against, and a path out of the checkout', () => {
    expect(
      entityPlanLocation(entity({ 'homelab.dev/phase-plan': ' ' }), context),
    ).toEqual({ type: 'problem', message: 'homelab.dev/phase-plan is empty' });
    expect(
      entityPlanLocation(
        entity({
          'homelab.dev/phase-plan': 'docs/p.md',
          'backstage.io/source-location': 'file:/',
        }),
        context,
      ),
    ).toMatchObject({
      type: 'problem',
      message: expect.stringContaining(
        'the catalog read the entity from no file or URL to resolve it against',
      ),
    });
    expect(
      entityPlanLocation(
        entity({ 'homelab.dev/phase-plan': '../../etc/passwd.md' }),
        context,
        { type: 'file', target: catalogFile() },
      ),
    ).toEqual({
      type: 'problem',
      message:
        'homelab.dev/phase-plan "../../etc/passwd.md" points outside the repository the entity came from; give a path inside it, e.g. docs/phases/<plan>.md',
    });
  });
});
