import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  BASE_FILES,
  byName,
  component,
  git,
  gitopsRepository,
  locationOf,
  RULES,
  startCatalog,
  writeFiles,
} from '../__testUtils__/gitopsCatalog';
import { CHECKOUT_FETCH_TASK } from './setUpGitopsCheckout';

jest.setTimeout(90_000);

const proposedBranch = (entity: Entity | undefined) =>
  entity?.metadata.annotations?.['homelab.dev/proposed-branch'];

describe('the catalog shows the entities of open scaffold branches as proposed', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('marks the entity of an open branch, then shows it as a normal entity once merged, never twice', async () => {
    const repo = gitopsRepository();
    roots.push(repo.root);
    repo.pushCommit(BASE_FILES, 'base');
    repo.pushBranch('scaffold/jellyfin', {
      'manifests/media/jellyfin/catalog-info.yaml': component('jellyfin'),
      // a file the base branch has: changed on the branch, not proposed
      'manifests/ai/open-webui/catalog-info.yaml': component(
        'open-webui',
        '\n  system: from-the-branch',
      ),
      // not at a layout path: no entity
      'elsewhere/catalog-info.yaml': component('stray'),
    });
    const { backend, scheduler, waitFor, components } = await startCatalog({
      homelab: {
        gitops: { remote: repo.remote, checkoutDir: repo.checkoutDir },
      },
      catalog: {
        rules: RULES,
        locations: [{ type: 'homelab-gitops', target: 'catalog-info.yaml' }],
      },
    });
    const file = `file:${join(
      repo.checkoutDir,
      'manifests/media/jellyfin/catalog-info.yaml',
    )}`;

    const proposed = await waitFor(
      e => !!byName(e, 'jellyfin') && !!byName(e, 'open-webui'),
    );
    const jellyfin = byName(proposed, 'jellyfin');
    expect(proposedBranch(jellyfin)).toBe('scaffold/jellyfin');
    expect(jellyfin?.metadata.tags).toEqual(['proposed']);
    expect(locationOf(jellyfin)).toBe(file);
    expect(proposedBranch(byName(proposed, 'open-webui'))).toBeUndefined();
    expect(byName(proposed, 'open-webui')?.spec?.system).toBeUndefined();
    expect(byName(proposed, 'stray')).toBeUndefined();

    repo.mergeBranch('scaffold/jellyfin');
    await scheduler.triggerTask(CHECKOUT_FETCH_TASK);
    const merged = await waitFor(
      e => !!byName(e, 'jellyfin') && !proposedBranch(byName(e, 'jellyfin')),
    );
    expect(merged.filter(e => e.metadata.name === 'jellyfin')).toHaveLength(1);
    expect(locationOf(byName(merged, 'jellyfin'))).toBe(file);
    expect(byName(merged, 'jellyfin')?.metadata.tags ?? []).toEqual([]);
    // the branch's edit of open-webui came with the merge
    expect(byName(merged, 'open-webui')?.spec?.system).toBe('from-the-branch');
    expect((await components()).map(e => e.metadata.name).sort()).toEqual([
      'jellyfin',
      'ollama',
      'open-webui',
    ]);
    await backend.stop();
  });

  it('never takes a link or an oversized file from a branch, and a broken file holds back nothing', async () => {
    const repo = gitopsRepository();
    roots.push(repo.root);
    repo.pushCommit(BASE_FILES, 'base');
    const work = join(repo.root, 'work');
    const outside = join(repo.root, 'outside.yaml');
    writeFileSync(outside, component('linked'));
    git(work, 'checkout', '--quiet', '-B', 'scaffold/odd', 'main');
    mkdirSync(join(work, 'manifests/media/linked'), { recursive: true });
    symlinkSync(
      outside,
      join(work, 'manifests/media/linked/catalog-info.yaml'),
    );
    writeFiles(work, {
      'manifests/media/huge/catalog-info.yaml': `${component(
        'huge',
      )}# ${'x'.repeat(1024 * 1024)}\n`,
      'manifests/media/fine/catalog-info.yaml': component('fine'),
      'manifests/media/broken/catalog-info.yaml': 'kind: [unclosed\n',
    });
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'odd files');
    git(work, 'push', '--quiet', repo.remote, 'HEAD:refs/heads/scaffold/odd');
    const { backend, waitFor } = await startCatalog({
      homelab: {
        gitops: { remote: repo.remote, checkoutDir: repo.checkoutDir },
      },
      catalog: {
        rules: RULES,
        locations: [{ type: 'homelab-gitops', target: 'catalog-info.yaml' }],
      },
    });
    const entities = await waitFor(e => !!byName(e, 'fine'));
    expect(proposedBranch(byName(entities, 'fine'))).toBe('scaffold/odd');
    expect(byName(entities, 'linked')).toBeUndefined();
    expect(byName(entities, 'huge')).toBeUndefined();
    await backend.stop();
  });

  it('lets the entity of a branch deleted unmerged go: an orphan at its next processing, as any entity no location emits', async () => {
    const repo = gitopsRepository();
    roots.push(repo.root);
    repo.pushCommit(BASE_FILES, 'base');
    repo.pushBranch('scaffold/navidrome', {
      'manifests/media/navidrome/catalog-info.yaml': component('navidrome'),
    });
    const { backend, scheduler, waitFor } = await startCatalog({
      homelab: {
        gitops: { remote: repo.remote, checkoutDir: repo.checkoutDir },
      },
      catalog: {
        // an entity no location emits any more is marked orphan when it is next processed
        processingInterval: { seconds: 2 },
        rules: RULES,
        locations: [{ type: 'homelab-gitops', target: 'catalog-info.yaml' }],
      },
    });
    await waitFor(e => proposedBranch(byName(e, 'navidrome')) !== undefined);
    repo.deleteBranch('scaffold/navidrome');
    await scheduler.triggerTask(CHECKOUT_FETCH_TASK);
    const after = await waitFor(
      e =>
        !byName(e, 'navidrome') ||
        byName(e, 'navidrome')?.metadata.annotations?.[
          'backstage.io/orphan'
        ] === 'true',
    );
    expect(byName(after, 'ollama')).toBeDefined();
    await backend.stop();
  });
});
