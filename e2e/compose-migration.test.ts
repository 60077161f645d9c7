import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';

const dataDir = process.env.E2E_DATA_DIR ?? 'data/e2e';
const IMMICH = readFileSync('plugins/homelab-manifests/fixtures/compose/immich.compose.yml', 'utf8');

describe('the "Migrate a Docker Compose service" form in Chromium', () => {
  const session = signedInSession();

  const next = () => session.page.getByRole('button', { name: 'Next' }).click();

  it('imports a compose service and publishes manifests, a phase plan and runbooks', async () => {
    await session.page.goto(`${baseUrl}/create/templates/default/compose-migration`);
    await session.page.getByLabel('docker-compose.yml').fill(IMMICH);
    await session.page.getByRole('button', { name: /Service to migrate/ }).click();
    await session.page.getByRole('option', { name: /^immich-server \(ghcr\.io/ }).click();
    // The imported draft is shown before going on: secret names only, unmapped keys listed.
    const draft = session.page.getByLabel('Imported draft');
    await draft.getByText('DB_PASSWORD').first().waitFor();
    await draft.getByText(/container_name/).first().waitFor();
    assert.doesNotMatch(await draft.innerText(), /Sup3rS3cret/, 'no secret value in the preview');
    await screenshot(session.page, 'compose-migration-draft');
    await next();
    await session.page.getByLabel('Service name on the cluster').fill('immich');
    await session.page.getByLabel('Hostname (optional)').fill('photos');
    await session.page.getByRole('textbox', { name: 'New namespace' }).fill('immich');
    await next();
    await session.page.getByLabel('Phase number').fill('4.40');
    await session.page.getByLabel('Title').fill('Immich');
    await session.page.getByLabel('Where it runs today').fill('the Unraid box');
    await session.page.getByRole('button', { name: 'Review', exact: true }).click();
    await screenshot(session.page, 'compose-migration-review');
    await session.page.getByRole('button', { name: 'Create' }).click();

    await session.page.getByRole('link', { name: 'The entity, once merged' }).waitFor({ timeout: 90_000 });
    await session.page.getByText(/docs\/phases\/immich\.md/).first().waitFor();
    await session.page.getByText(/scaffold\/immich/).first().waitFor();
    await screenshot(session.page, 'compose-migration-done');

    // the embedded default of homelab.gitops: a bare repository under the data folder
    const repository = join(dataDir, 'gitops/remote.git');
    const plan = spawnSync('git', ['-C', repository, 'show', 'scaffold/immich:docs/phases/immich.md'], { encoding: 'utf8' }).stdout;
    assert.match(plan, /^# Phase 4\.40: Immich Migration/m);
    // the branch holds the whole GitOps repository (test fixtures included): look at what the scaffold added
    const added = spawnSync('git', ['-C', repository, 'diff', '--name-only', 'main...scaffold/immich'], { encoding: 'utf8' }).stdout.trim().split('\n');
    assert.ok(added.includes('docs/phases/immich.md'), `added: ${added.join(', ')}`);
    const secretHits = spawnSync('git', ['-C', repository, 'grep', '-l', 'Sup3rS3cret', 'scaffold/immich', '--', ...added], { encoding: 'utf8' });
    assert.equal(secretHits.stdout, '', 'the compose file\'s password is in no published file');
  });

  it('lists the new phase on the Migration page', async () => {
    await session.page.goto(`${baseUrl}/homelab/migration`);
    // The catalog reads the new location in the background; the page shows it once processed.
    const row = session.page.getByRole('row', { name: /Phase 4\.40: Immich Migration/ });
    await row.waitFor({ timeout: 90_000 });
    await row.getByText('Planned').waitFor();
    await row.getByText(/0 of \d+ tasks done/).waitFor();
    await row.getByRole('link', { name: 'immich' }).waitFor();
    await session.page.getByText('Phase 4.23: Ollama Local AI').waitFor();
    await screenshot(session.page, 'compose-migration-phase-listed');
  });
});
