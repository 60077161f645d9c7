import { testGit } from '@internal/homelab-sim';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { catalogModuleHomelab } from '../module';

/** Test helpers for the homelab-gitops location: a GitOps repository on disk and a catalog reading it. */

export const git = testGit;

export const component = (
  name: string,
  extra = '',
) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: group:default/homelab-admins${extra}
`;

/** Files as this repository lays them out: the root Location lists the namespace files one by one. */
export const BASE_FILES: Record<string, string> = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: homelab
spec:
  targets:
    - ./manifests/ai/catalog-info.yaml
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: homelab
spec:
  owner: group:default/homelab-admins
`,
  'manifests/ai/catalog-info.yaml': component('ollama'),
  'manifests/ai/open-webui/catalog-info.yaml': component('open-webui'),
};

export function writeFiles(root: string, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A bare remote on disk, a clone to push from, and a folder for the checkout. */
export function gitopsRepository() {
  const root = mkdtempSync(join(tmpdir(), 'catalog-gitops-'));
  const remote = join(root, 'remote.git');
  const work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
  const pushCommit = (files: Record<string, string>, message: string) => {
    writeFiles(work, files);
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', message);
    git(work, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
  };
  /** A scaffold branch off main, as the publish action pushes it. */
  const pushBranch = (branch: string, files: Record<string, string>) => {
    git(work, 'checkout', '--quiet', '-B', branch, 'main');
    writeFiles(work, files);
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', `Scaffold ${branch}`);
    git(work, 'push', '--quiet', remote, `HEAD:refs/heads/${branch}`);
    git(work, 'checkout', '--quiet', 'main');
  };
  /** Merged (fast-forward) and deleted, as a forge does when its pull request is merged. */
  const mergeBranch = (branch: string) => {
    git(work, 'merge', '--quiet', '--ff-only', branch);
    git(work, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
    git(work, 'push', '--quiet', remote, `:refs/heads/${branch}`);
  };
  const deleteBranch = (branch: string) =>
    git(work, 'push', '--quiet', remote, `:refs/heads/${branch}`);
  return {
    root,
    remote,
    pushCommit,
    pushBranch,
    mergeBranch,
    deleteBranch,
    checkoutDir: join(root, 'checkout'),
  };
}

export const locationOf = (entity: Entity | undefined) =>
  entity?.metadata.annotations?.[ANNOTATION_LOCATION];

export async function startCatalog(config: object) {
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      catalogBackend,
      catalogModuleHomelab,
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  const components = async (): Promise<Entity[]> =>
    (
      await request(backend.server)
        .get('/api/catalog/entities?filter=kind=component')
        .set('Authorization', mockCredentials.user.header())
        .expect(200)
    ).body;
  const waitFor = async (check: (entities: Entity[]) => boolean) => {
    for (let attempt = 0; attempt < 300; attempt++) {
      const entities = await components();
      if (check(entities)) return entities;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(
      `gave up waiting; the catalog holds ${(await components())
        .map(e => `${e.metadata.name} from ${locationOf(e)}`)
        .join(', ')}`,
    );
  };
  return { backend, scheduler, components, waitFor };
}

export const byName = (entities: Entity[], name: string) =>
  entities.find(e => e.metadata.name === name);
export const RULES = [{ allow: ['Component', 'System', 'Location'] }];
