import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { getJson } from './support/api.ts';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { setScenario } from './support/standIn.ts';

const adminUrl = process.env.E2E_SIM_ADMIN_URL ?? 'http://127.0.0.1:17435';
const PLAN_ID = 'docs~phases~phase-4.24-karakeep';
const PLAN_FILE = join(import.meta.dirname, '..', 'docs/phases/phase-4.24-karakeep.md');
// The item whose check (both models in Ollama) fails until the scenario's last step.
const MODELS_ITEM = '- [ ] `qwen3:1.7b` and `moondream` are pulled in Ollama';

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
  const original = readFileSync(PLAN_FILE, 'utf8');
  let intervalMs = 15_000;

  before(async () => {
    // The operator ticks the models item before Ollama has them: the plan's
    // cutover is in progress and its tick disagrees with the cluster.
    assert.equal(original.split(MODELS_ITEM).length, 2, `${PLAN_FILE} has the line "${MODELS_ITEM}" once`);
    writeFileSync(PLAN_FILE, original.replace(MODELS_ITEM, MODELS_ITEM.replace('- [ ]', '- [x]')));
    await setScenario('cutover');
    await setStep('applied');
  });
  after(async () => {
    writeFileSync(PLAN_FILE, original);
    await setScenario('default');
  });
  const session = signedInSession();

  it('lists the Karakeep plan as a cutover in progress', async () => {
    const detail = await getJson<{ inProgress: boolean; intervalSeconds: number }>(
      `/api/homelab/cutover/${encodeURIComponent(PLAN_ID)}`,
    );
    assert.equal(detail.inProgress, true);
    intervalMs = detail.intervalSeconds * 1000;
  });

  it('opens the Cutover view of the Karakeep component with failing checks and the ticked item flagged', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/catalog/default/component/karakeep/cutover`);
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
    await page.goto(`${baseUrl}/catalog/default/component/karakeep`);
    const banner = page.getByRole('alert', { name: 'cutover in progress' });
    await banner.waitFor();
    assert.match(await banner.innerText(), /Cutover in progress \(4\.24\.5 Cutover\): 1 of \d+ tasks done/);
    await banner.getByRole('link', { name: 'Open the Cutover view' }).click();
    await page.getByRole('list', { name: 'cutover tasks' }).waitFor();
    assert.match(page.url(), /\/catalog\/default\/component\/karakeep\/cutover$/);
  });

  it('links the plan from the Migration page to its Cutover view, flagged as in progress', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/homelab/migration`);
    const row = page.getByRole('row', { name: /Phase 4.24: Karakeep Migration/ });
    await row.getByText('cutover in progress').waitFor();
    await row.getByRole('link', { name: 'Cutover view' }).click();
    await page.getByRole('list', { name: 'cutover tasks' }).waitFor();
    assert.match(page.url(), /\/homelab\/migration\/cutover\/docs~phases~phase-4\.24-karakeep$/);
  });
});
