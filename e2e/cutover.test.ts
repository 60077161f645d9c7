import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Entity } from '@backstage/catalog-model';
import type { Locator } from 'playwright-core';
import { getJson, waitForEntity } from './support/api.ts';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { setScenario } from './support/standIn.ts';

const adminUrl = process.env.E2E_SIM_ADMIN_URL ?? 'http://127.0.0.1:17435';
// The fixture only the e2e portal reads (app-config.e2e.yaml): an entity and its plan,
// a cutover in progress on the stand-in's karakeep namespace. No test writes a plan.
const ENTITY = 'karakeep-cutover-drill';
const PLAN_ID = 'e2e~fixtures~cutover~karakeep-cutover-drill';
const PLAN_FILE = join(import.meta.dirname, 'fixtures/cutover/karakeep-cutover-drill.md');
// Ticked by the operator before Ollama has both models: its check fails until the scenario's last step.
const MODELS_ITEM = '- [x] `qwen3:1.7b` and `moondream` are pulled in Ollama';

/** Moves the stand-in's cutover scenario to a step (PUT /step on its admin port). */
async function setStep(name: string): Promise<void> {
  const res = await fetch(`${adminUrl}/step`, { method: 'PUT', body: JSON.stringify(name) });
  if (!res.ok) throw new Error(`stand-in refused step ${name}: ${res.status} ${await res.text()}`);
}

async function waitUntil(what: string, test: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await test()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 500));
  }
}

const chipTexts = async (item: Locator) =>
  item.locator('.MuiChip-label').allTextContents();

describe('the Cutover view in Chromium', () => {
  let intervalMs = 15_000;

  before(async () => {
    const plan = readFileSync(PLAN_FILE, 'utf8');
    assert.equal(plan.split(MODELS_ITEM).length, 2, `${PLAN_FILE} has the line "${MODELS_ITEM}" once`);
    const entity = await waitForEntity<Entity>({ kind: 'component', name: ENTITY });
    assert.equal(entity.metadata.annotations?.['homelab.dev/cutover'], 'true', `the catalog marks ${ENTITY} as having a cutover`);
    await setScenario('cutover');
    await setStep('applied');
  });
  after(async () => {
    await setScenario('default');
  });
  const session = signedInSession();

  it('lists the drill plan as a cutover in progress', async () => {
    const detail = await getJson<{ inProgress: boolean; intervalSeconds: number }>(
      `/api/homelab/cutover/${encodeURIComponent(PLAN_ID)}`,
    );
    assert.equal(detail.inProgress, true);
    intervalMs = detail.intervalSeconds * 1000;
  });

  it('shows the Cutover tab on the drill entity, not on Ollama, whose plan has no cutover section', async () => {
    const { page } = session;
    // The entity page's tabs are links in its content navigation.
    const tab = (name: string) => page.getByLabel('Content navigation').getByRole('link', { name, exact: true });
    await page.goto(`${baseUrl}/catalog/default/component/ollama`);
    await tab('Migration').waitFor();
    assert.equal(await tab('Cutover').count(), 0, 'Ollama has a Cutover tab');
    await page.goto(`${baseUrl}/catalog/default/component/${ENTITY}`);
    await tab('Migration').waitFor();
    await tab('Cutover').click();
    await page.getByRole('list', { name: 'cutover tasks' }).waitFor();
  });

  it('opens the Cutover view of the drill entity with failing checks and the ticked item flagged', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/catalog/default/component/${ENTITY}/cutover`);
    const tasks = page.getByRole('list', { name: 'cutover tasks' });
    await tasks.waitFor();
    await page.getByRole('button', { name: 'Check now' }).click();
    const models = tasks.getByRole('listitem', { name: /are pulled in Ollama/ });
    await models.getByText('ticked but failing').waitFor({ timeout: 2 * intervalMs });
    const volumes = tasks.getByRole('listitem', { name: /are Bound/ });
    await waitUntil('the volumes check fails', async () => (await chipTexts(volumes)).includes('fail'), intervalMs);
    await volumes.getByText(/Pending/).first().waitFor();
    assert.match(await models.innerText(), /checked \d+ s ago/);
    await page.getByRole('table', { name: 'pods' }).waitFor();
    await screenshot(page, 'cutover-failing');
  });

  it('shows the checks passing within one check interval once the scenario is ready', async () => {
    const { page } = session;
    const tasks = page.getByRole('list', { name: 'cutover tasks' });
    await setStep('ready');
    // One scheduled evaluation, the view's poll (a third of the interval) and some slack for a busy machine.
    const budget = intervalMs + intervalMs / 3 + 5_000;
    const took = await waitUntil(
      'every check passes',
      async () => {
        const chips = await tasks.locator('.MuiChip-label').allTextContents();
        return chips.includes('pass') && !chips.includes('fail') && !chips.includes('unknown');
      },
      budget,
    );
    console.log(`checks passed ${took} ms after the scenario's last step (budget ${budget} ms)`);
    const models = tasks.getByRole('listitem', { name: /are pulled in Ollama/ });
    assert.equal(await models.getByText('ticked but failing').count(), 0);
    // Open items whose checks now pass are flagged the other way.
    await tasks.getByText('open but passing').first().waitFor();
    await screenshot(page, 'cutover-passing');
  });

  it('renders the cutover runbook inline from TechDocs, with links that open the reader', async () => {
    const { page } = session;
    const runbook = page.getByRole('article', { name: 'runbook Karakeep cutover' });
    await runbook.waitFor({ timeout: 120_000 });
    await runbook.getByText('Check Ollama is ready').first().waitFor();
    const link = runbook.getByRole('link', { name: 'rolling back' });
    assert.equal(
      await link.getAttribute('href'),
      '/docs/default/component/homelab-docs/runbooks/karakeep-rollback/',
    );
    await screenshot(page, 'cutover-runbook');
    await link.click();
    await page.getByRole('heading', { name: 'Karakeep rollback', level: 1 }).waitFor({ timeout: 120_000 });
    assert.match(page.url(), /\/docs\/default\/component\/homelab-docs\/runbooks\/karakeep-rollback\/$/);
  });

  it('opens the entity overview on a banner that leads to the Cutover view while the cutover is in progress', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/catalog/default/component/${ENTITY}`);
    const banner = page.getByRole('alert', { name: 'cutover in progress' });
    await banner.waitFor();
    assert.match(await banner.innerText(), /Cutover in progress \(90\.1\.2 Cutover\): 1 of \d+ tasks done/);
    await banner.getByRole('link', { name: 'Open the Cutover view' }).click();
    await page.getByRole('list', { name: 'cutover tasks' }).waitFor();
    assert.match(page.url(), new RegExp(`/catalog/default/component/${ENTITY}/cutover$`));
  });

  it('links the plan from the Migration page to its Cutover view, flagged as in progress', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/homelab/migration`);
    const row = page.getByRole('row', { name: /Phase 90\.1: Karakeep Drill/ });
    await row.getByText('cutover in progress').waitFor();
    await row.getByRole('link', { name: 'Cutover view' }).click();
    await page.getByRole('list', { name: 'cutover tasks' }).waitFor();
    assert.match(page.url(), /\/homelab\/migration\/cutover\/e2e~fixtures~cutover~karakeep-cutover-drill$/);
  });
});
