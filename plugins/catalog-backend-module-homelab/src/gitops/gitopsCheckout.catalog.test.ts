import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../__testUtils__';
import {
  BASE_FILES,
  byName,
  component,
  gitopsRepository,
  locationOf,
  RULES,
  startCatalog,
  writeFiles,
} from '../__testUtils__/gitopsCatalog';
import { CHECKOUT_FETCH_TASK } from './setUpGitopsCheckout';

jest.setTimeout(90_000);

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
