import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { getJson } from './support/api.ts';
import { createTask, waitForTask } from './support/scaffolder.ts';

// The embedded default of homelab.gitops: a bare repository under the data folder, which
// nobody else merges; the portal offers the merge to admins (guest, under allow-all, here).
const repository = join(process.env.E2E_DATA_DIR ?? 'data/e2e', 'gitops/remote.git');

type Entity = { metadata: { name: string; tags?: string[]; annotations?: Record<string, string> } };

function rev(ref: string): string | undefined {
  try {
    return execFileSync('git', ['-C', repository, 'rev-parse', '--verify', '--quiet', ref], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** Polls the catalog until the entity exists and `check` holds; returns it. */
async function entityOnce(name: string, check: (e: Entity) => boolean, timeoutMs = 120_000): Promise<Entity> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let entity: Entity | undefined;
    try {
      entity = await getJson<Entity>(`/api/catalog/entities/by-name/component/default/${name}`);
    } catch {
      // not there yet
    }
    if (entity && check(entity)) return entity;
    if (Date.now() > deadline) throw new Error(`component:default/${name}: ${entity ? JSON.stringify(entity.metadata) : 'not in the catalog'}`);
    await new Promise(r => setTimeout(r, 1_000));
  }
}

const proposedBranch = (e: Entity) => e.metadata.annotations?.['homelab.dev/proposed-branch'];

describe('GitOps publishing with the embedded repository: proposed until merged from the portal', () => {
  const session = signedInSession();

  it('ends the homelab-service run with the branch and a merge button, and the catalog shows the entity as proposed', async () => {
    await session.page.goto(`${baseUrl}/create/templates/default/homelab-service`);
    const page = session.page;
    const next = () => page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Name').first().fill('mealie');
    await next();
    await page.getByRole('combobox').click();
    // Until discovery defers to the declared namespace, the list may hold the cluster's copy too;
    // either one is the folder manifests/karakeep/.
    await page.getByRole('option', { name: /karakeep/ }).first().click();
    await next();
    await page.getByLabel('Image').fill('ghcr.io/mealie-recipes/mealie:v2.8.0');
    await page.getByLabel('Hostname').fill('recipes');
    for (let step = 0; step < 3; step++) await next();
    await session.page.getByRole('button', { name: 'Review', exact: true }).click();
    await session.page.getByRole('button', { name: 'Create' }).click();

    await session.page.getByText('Branch scaffold/mealie', { exact: true }).waitFor({ timeout: 90_000 });
    await session.page.getByText('manifests/karakeep/mealie/deployment.yaml').first().waitFor();
    const merge = session.page.getByRole('button', { name: 'Merge into main' });
    await merge.waitFor();
    await screenshot(session.page, 'gitops-task-merge-button');
    assert.ok(rev('refs/heads/scaffold/mealie'), 'the branch is pushed');

    const proposed = await entityOnce('mealie', e => proposedBranch(e) === 'scaffold/mealie');
    assert.deepEqual(proposed.metadata.tags, ['proposed']);
    await session.page.goto(`${baseUrl}/catalog/default/component/mealie`);
    await session.page.getByText('proposed', { exact: true }).first().waitFor({ timeout: 30_000 });
    await screenshot(session.page, 'gitops-entity-proposed');
  });

  it('merges the branch from the task page; the entity becomes a normal catalog entity', async () => {
    await session.page.goBack();
    const merge = session.page.getByRole('button', { name: 'Merge into main' });
    await merge.waitFor({ timeout: 30_000 });
    const tip = rev('refs/heads/scaffold/mealie');
    await merge.click();
    await session.page.getByText(/Merged scaffold\/mealie into main/).waitFor({ timeout: 30_000 });
    await screenshot(session.page, 'gitops-task-merged');
    assert.equal(rev('refs/heads/scaffold/mealie'), undefined, 'the merged branch is deleted');
    assert.equal(rev('refs/heads/main'), tip, 'main fast-forwarded to the branch');

    const merged = await entityOnce('mealie', e => proposedBranch(e) === undefined);
    assert.ok(!(merged.metadata.tags ?? []).includes('proposed'), JSON.stringify(merged.metadata));
  });

  it('shows a compose migration\'s plan as proposed on the Migration page, and as a normal plan once merged', async () => {
    const { status, body } = await createTask('template:default/compose-migration', {
      composeYaml: 'services:\n  web:\n    image: vikunja/vikunja:0.24.6\n    ports: ["3456:3456"]\n',
      service: 'web',
      name: 'vikunja',
      owner: 'group:default/homelab-admins',
      namespaceChoice: 'new',
      newNamespace: 'vikunja',
      podSecurity: 'restricted',
      gatewayName: 'homelab-gateway',
      gatewayNamespace: 'gateway',
      phaseId: '4.61',
      title: 'Vikunja',
      currentHost: 'the Docker host',
    });
    assert.equal(status, 201, JSON.stringify(body));
    const task = await waitForTask(body.id!);
    assert.equal(task.status, 'completed', task.log.join('\n'));

    await session.page.goto(`${baseUrl}/homelab/migration`);
    const row = session.page.getByRole('row', { name: /Phase 4\.61: Vikunja/ });
    await row.waitFor({ timeout: 90_000 });
    await row.getByLabel('proposed on scaffold/vikunja').waitFor();
    await screenshot(session.page, 'gitops-plan-proposed');

    await session.page.goto(`${baseUrl}/create/tasks/${body.id}`);
    await session.page.getByRole('button', { name: 'Merge into main' }).click();
    await session.page.getByText(/Merged scaffold\/vikunja into main/).waitFor({ timeout: 30_000 });

    await session.page.goto(`${baseUrl}/homelab/migration`);
    const merged = session.page.getByRole('row', { name: /Phase 4\.61: Vikunja/ });
    await merged.waitFor({ timeout: 60_000 });
    await merged.getByText('Planned').waitFor();
    assert.equal(await merged.getByLabel('proposed on scaffold/vikunja').count(), 0, 'no longer proposed');
    await screenshot(session.page, 'gitops-plan-merged');
  });
});
