import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { waitForTask } from './support/scaffolder.ts';

const dataDir = process.env.E2E_DATA_DIR ?? 'data/e2e';
// A stack as people write it: x- anchors and merge keys, ${X_TAG:-default} images, a
// worker without ports, a one-shot migration others wait for, and its .env (stack.env
// here: .env files are ignored by git) pasted beside it.
const COMPOSE = readFileSync('e2e/fixtures/notes-stack/compose.yaml', 'utf8');
const ENV = readFileSync('e2e/fixtures/notes-stack/stack.env', 'utf8');
const SECRETS = ['e2e-Stack-Db-Secret-91', 'e2e-Stack-Session-Secret-42', 'e2e-Stack-Meili-Key-17'];
const SERVICES = ['app', 'worker', 'db', 'redis', 'search'];
const BRANCH = 'scaffold/notes-stack';

const git = (...args: string[]) =>
  execFileSync('git', ['-C', join(dataDir, 'gitops/remote.git'), ...args], { encoding: 'utf8' });

describe('migrating a whole compose stack from the form in Chromium', () => {
  const session = signedInSession();
  const next = () => session.page.getByRole('button', { name: 'Next' }).click();
  let taskId = '';

  it('previews every service with the pasted .env, then publishes one branch for the stack', async () => {
    const page = session.page;
    await page.goto(`${baseUrl}/create/templates/default/compose-migration`);
    await page.getByLabel('docker-compose.yml').fill(COMPOSE);
    await page.getByLabel('.env (optional)').fill(ENV);
    await page.getByRole('button', { name: /Service to migrate/ }).click();
    await page.getByRole('option', { name: /^Every service of the file/ }).click();

    const preview = page.getByRole('region', { name: 'Imported stack' });
    await preview.getByText(/6 of 6 services render/).waitFor();
    await preview.getByRole('listitem', { name: 'service migrate' }).getByText(/init container of app/).waitFor();
    const worker = preview.getByRole('listitem', { name: 'service worker' });
    await worker.getByText(/renders as Deployment/).waitFor();
    await worker.getByText('check: ${APP_TAG} in image: from the env file "1.5.0" was used').waitFor();
    const text = await preview.innerText();
    for (const secret of SECRETS) assert.ok(!text.includes(secret), 'no secret value in the preview');
    await screenshot(page, 'compose-stack-preview');
    await next();

    await page.getByLabel('Service name on the cluster').fill('notes-stack');
    await page.getByRole('textbox', { name: 'New namespace' }).fill('notes');
    await next();
    await page.getByLabel('Phase number').fill('5.2');
    await page.getByLabel('Title').fill('Notes stack');
    await page.getByLabel('Where it runs today').fill('the old Docker host');
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await screenshot(page, 'compose-stack-review');
    await page.getByRole('button', { name: 'Create' }).click();

    await page.getByRole('link', { name: 'The entity, once merged' }).waitFor({ timeout: 120_000 });
    await page.getByText(/worker: Deployment/).first().waitFor();
    await screenshot(page, 'compose-stack-done');
    taskId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // the branch on the embedded GitOps remote holds the whole repository: read what the scaffold added
    const added = git('diff', '--name-only', `main...${BRANCH}`).trim().split('\n');
    for (const service of SERVICES)
      assert.ok(added.includes(`manifests/notes/${service}/kustomization.yaml`), `${service} has its folder: ${added.join(', ')}`);
    assert.ok(added.includes('manifests/notes/namespace.yaml'));
    assert.ok(added.includes('docs/phases/notes-stack.md'));
    const kustomization = git('show', `${BRANCH}:manifests/notes/kustomization.yaml`);
    for (const entry of ['namespace.yaml', ...SERVICES.map(s => `${s}/`)])
      assert.match(kustomization, new RegExp(`^\\s+- ${entry}$`, 'm'), `kustomization lists ${entry}`);
    const plan = git('show', `${BRANCH}:docs/phases/notes-stack.md`);
    assert.match(plan, /^# Phase 5\.2: Notes stack Migration/m);
    for (const file of added) {
      const content = git('show', `${BRANCH}:${file}`);
      for (const secret of SECRETS) assert.ok(!content.includes(secret), `${file} holds no secret value`);
    }
  });

  it('keeps secret values out of the task log', async () => {
    assert.ok(taskId, 'the task ran');
    const task = await waitForTask(taskId);
    assert.equal(task.status, 'completed');
    const log = task.log.join('\n');
    assert.match(log, /not carried over|check: /);
    for (const secret of SECRETS) assert.ok(!log.includes(secret), 'no secret value in the task log');
  });

  it('lists the stack\'s phase plan on the Migration page as proposed', async () => {
    const page = session.page;
    await page.goto(`${baseUrl}/homelab/migration`);
    const row = page.getByRole('row', { name: /Phase 5\.2: Notes stack Migration/ });
    await row.waitFor({ timeout: 90_000 });
    await row.getByLabel(`proposed on ${BRANCH}`).waitFor();
    await row.getByText(/0 of \d+ tasks done/).waitFor();
    await screenshot(page, 'compose-stack-phase-listed');
  });
});
