import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
import { REPO_ROOT } from '../__testUtils__';
import { CHECKOUT_FETCH_TASK } from './setUpGitopsCheckout';

jest.setTimeout(90_000);

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@test.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@test.invalid',
    },
  }).trim();

const component = (
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
const BASE_FILES: Record<string, string> = {
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

function writeFiles(root: string, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A bare remote on disk, a clone to push from, and a folder for the checkout. */
function gitopsRepository() {
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
  return { root, remote, pushCommit, checkoutDir: join(root, 'checkout') };
}

const locationOf = (entity: Entity | undefined) =>
  entity?.metadata.annotations?.[ANNOTATION_LOCATION];

async function startCatalog(config: object) {
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

const byName = (entities: Entity[], name: string) =>
  entities.find(e => e.metadata.name === name);
const RULES = [{ allow: ['Component', 'System', 'Location'] }];

describe('the catalog reads the GitOps repository through the portal checkout', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('shows the entities of the base branch at the layout paths, and a merged service after the next fetch', async () => {
    const repo = gitopsRepository();
    roots.push(repo.root);
    repo.pushCommit(BASE_FILES, 'base');
    const { backend, scheduler, waitFor } = await startCatalog({
      homelab: {
        gitops: { remote: repo.remote, checkoutDir: repo.checkoutDir },
      },
      catalog: {
        rules: RULES,
        locations: [{ type: 'homelab-gitops', target: 'catalog-info.yaml' }],
      },
    });

    const first = await waitFor(
      e => !!byName(e, 'ollama') && !!byName(e, 'open-webui'),
    );
    // ollama's file is reached through the root Location and the layout's glob: one entity.
    expect(first.filter(e => e.metadata.name === 'ollama')).toHaveLength(1);
    expect(locationOf(byName(first, 'open-webui'))).toBe(
      `file:${join(
        repo.checkoutDir,
        'manifests/ai/open-webui/catalog-info.yaml',
      )}`,
    );
    expect(first.some(e => e.metadata.name === 'jellyfin')).toBe(false);

    // A pull request is merged on the forge: the entity shows after the checkout fetches.
    repo.pushCommit(
      { 'manifests/media/jellyfin/catalog-info.yaml': component('jellyfin') },
      'Merge scaffold/jellyfin',
    );
    await scheduler.triggerTask(CHECKOUT_FETCH_TASK);
    const merged = await waitFor(e => !!byName(e, 'jellyfin'));
    expect(locationOf(byName(merged, 'jellyfin'))).toBe(
      `file:${join(
        repo.checkoutDir,
        'manifests/media/jellyfin/catalog-info.yaml',
      )}`,
    );
    await backend.stop();
  });

  it('in development reads the working tree, uncommitted edits included, and adds from the checkout only what was merged', async () => {
    const repo = gitopsRepository();
    roots.push(repo.root);
    repo.pushCommit(BASE_FILES, 'base');
    repo.pushCommit(
      { 'manifests/media/jellyfin/catalog-info.yaml': component('jellyfin') },
      'merged in the embedded remote',
    );
    // The working tree: the same files, one edited and not committed.
    const workingTree = join(repo.root, 'working-tree');
    writeFiles(workingTree, {
      ...BASE_FILES,
      'manifests/ai/catalog-info.yaml': component(
        'ollama',
        '\n  system: homelab',
      ),
    });
    const { backend, waitFor } = await startCatalog({
      homelab: {
        repositoryRoot: workingTree,
        gitops: {
          remote: repo.remote,
          checkoutDir: repo.checkoutDir,
          checkout: { workingTreeFirst: true },
        },
      },
      catalog: {
        rules: RULES,
        locations: [{ type: 'homelab-gitops', target: 'catalog-info.yaml' }],
      },
    });

    const entities = await waitFor(
      e =>
        !!byName(e, 'jellyfin') &&
        !!byName(e, 'ollama') &&
        !!byName(e, 'open-webui'),
    );
    expect(locationOf(byName(entities, 'ollama'))).toBe(
      `file:${join(workingTree, 'manifests/ai/catalog-info.yaml')}`,
    );
    // the uncommitted edit shows
    expect(byName(entities, 'ollama')?.spec?.system).toBe('homelab');
    expect(locationOf(byName(entities, 'open-webui'))).toBe(
      `file:${join(workingTree, 'manifests/ai/open-webui/catalog-info.yaml')}`,
    );
    expect(locationOf(byName(entities, 'jellyfin'))).toBe(
      `file:${join(
        repo.checkoutDir,
        'manifests/media/jellyfin/catalog-info.yaml',
      )}`,
    );
    await backend.stop();
  });

  it('reads this repository as app-config.yaml does: every declared entity from the working tree, none twice', async () => {
    const root = mkdtempSync(join(tmpdir(), 'catalog-gitops-dev-'));
    roots.push(root);
    const dataDir = process.env.HOMELAB_DATA_DIR;
    process.env.HOMELAB_DATA_DIR = root;
    const { backend, waitFor } = await startCatalog({
      homelab: {
        repositoryRoot: REPO_ROOT,
        gitops: {
          // the embedded default: a bare repository made from the working tree's commit
          checkoutDir: join(root, 'checkout'),
          checkout: { workingTreeFirst: true },
        },
      },
      catalog: {
        rules: [
          { allow: ['Component', 'System', 'Resource', 'Location'] },
          { allow: ['Group', 'User', 'Template'] },
        ],
        locations: [{ type: 'homelab-gitops', target: 'catalog-info.yaml' }],
      },
    });
    const entities = await waitFor(
      e => !!byName(e, 'homelab-docs') && !!byName(e, 'ollama'),
    );
    for (const entity of entities) {
      expect(locationOf(entity)).toMatch(new RegExp(`^file:${REPO_ROOT}/`));
    }
    const refs = entities.map(
      e => `${e.metadata.namespace}/${e.metadata.name}`,
    );
    expect(refs.length).toBe(new Set(refs).size);
    // the embedded remote and the checkout went to the data folder
    expect(existsSync(join(root, 'gitops/remote.git/HEAD'))).toBe(true);
    expect(existsSync(join(root, 'checkout/catalog-info.yaml'))).toBe(true);
    await backend.stop();
    if (dataDir === undefined) delete process.env.HOMELAB_DATA_DIR;
    else process.env.HOMELAB_DATA_DIR = dataDir;
  });
});
