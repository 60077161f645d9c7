import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { setScenario } from './support/standIn.ts';

/** Opens a component's Kubernetes tab and expands the cluster and the deployment to its pods table. */
async function openPods(page: Page, component: string, deployment: string) {
  await page.goto(`${baseUrl}/catalog/default/component/${component}/kubernetes`);
  await page.getByRole('button', { name: /homelab\s+Cluster/ }).click({ timeout: 60_000 });
  await page.getByRole('button', { name: new RegExp(`^${deployment}\\s+Deployment`) }).first().click();
  // Rows of the pods table, not of the error table above it (whose rows start with the cluster).
  const podRow = page
    .getByRole('row', { name: new RegExp(`${deployment}-[a-z0-9]+-[a-z0-9]{5}`) })
    .filter({ hasNot: page.getByRole('cell', { name: 'homelab', exact: true }) });
  await podRow.first().waitFor();
  return podRow;
}

describe('the Kubernetes tab against the stand-in cluster', () => {
  before(() => setScenario('default'));
  after(() => setScenario('default'));
  const session = signedInSession();

  it('shows the Ollama pod running with its restarts and resource usage', async () => {
    const pod = await openPods(session.page, 'ollama', 'ollama');
    const cells = await pod.first().getByRole('cell').allInnerTexts();
    assert.equal(cells[1], 'Running', `phase column: ${cells.join(' | ')}`);
    assert.equal(cells[3], '1/1', 'containers ready');
    assert.equal(cells[4], '0', 'restarts');
    assert.match(cells[6], /limits: \d+% of 6144MiB/, 'memory against the 6Gi limit');
    await screenshot(session.page, 'kubernetes-ollama');
  });

  it('shows the Karakeep pod', async () => {
    const pod = await openPods(session.page, 'karakeep', 'karakeep');
    assert.equal((await pod.first().getByRole('cell').allInnerTexts())[1], 'Running');
    await screenshot(session.page, 'kubernetes-karakeep');
  });

  it('shows the failing pod and its error when Ollama crash-loops', async () => {
    await setScenario('failures');
    await session.page.goto(`${baseUrl}/catalog/default/component/ollama/kubernetes`);
    // The error table lists the back-off event of the pod without expanding anything.
    await session.page.getByRole('heading', { name: 'Error Reporting' }).waitFor({ timeout: 60_000 });
    await session.page.getByText(/back-off .* restarting failed container=ollama/).first().waitFor();
    const pod = await openPods(session.page, 'ollama', 'ollama');
    const cells = await pod.first().getByRole('cell').allInnerTexts();
    assert.match(cells.join(' | '), /CrashLoopBackOff|OOMKilled/, `pod row: ${cells.join(' | ')}`);
    assert.notEqual(cells[4], '0', 'the restarts count');
    await screenshot(session.page, 'kubernetes-ollama-crashloop');
  });
});
