// The forge path of homelab.gitops in Chromium: a second portal whose GitOps repository is on a
// forge (the loopback git server with Gitea's pulls API, basic auth), the compose form run ends
// with the pull request's link, the Migration page shows the plan as proposed with the pull
// request's number, and once the test merges the pull request on the forge the checkout's next
// fetch turns it into a normal plan and the entity into a normal catalog entity.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startGitHttpServer, type GitHttpServer } from '../packages/homelab-sim/src/forge/gitHttpServer.ts';
import { startTestPortal } from '../scripts/lib/testPortal.mjs';
import { baseUrl as mainBaseUrl, screenshot, signedInSession } from './support/browser.ts';
import { portalApi } from './support/api.ts';
import type { Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const OWNER = 'homelab';
const REPO = 'gitops';
const USER = 'portal-bot';
const PASSWORD = 'forge-e2e-password';
// 50 above the main portal's ports, so both run side by side (E2E_PORT_OFFSET 0 gives 50).
const OFFSET = Number(process.env.E2E_FORGE_PORT_OFFSET ?? Number(new URL(mainBaseUrl).port) - 17007 + 50);

type Entity = { metadata: { name: string; tags?: string[]; annotations?: Record<string, string> } };
const proposedBranch = (e: Entity) => e.metadata.annotations?.['homelab.dev/proposed-branch'];

/** The portal configured for the forge, as an operator would in app-config (APP_CONFIG_* here). */
function forgeConfig(forge: GitHttpServer): Record<string, string> {
  const host = new URL(forge.baseUrl).host;
  return {
    APP_CONFIG_homelab_gitops_remote: forge.repoUrl(OWNER, REPO),
    APP_CONFIG_homelab_gitops_baseBranch: 'main',
    APP_CONFIG_homelab_gitops_pullRequests_provider: 'gitea',
    // Every 5 s, so the merge shows soon; the checkout is what the portal reads (no working tree).
    APP_CONFIG_homelab_gitops_checkout: JSON.stringify({
      schedule: { frequency: { seconds: 5 }, timeout: { seconds: 30 }, initialDelay: { seconds: 0 } },
      workingTreeFirst: false,
    }),
    APP_CONFIG_integrations_gitea: JSON.stringify([{ host, baseUrl: forge.baseUrl, username: USER, password: PASSWORD }]),
  };
}

const entityTab = (page: Page, name: string) => page.getByLabel('Content navigation').getByRole('link', { name, exact: true });

describe('GitOps publishing to a forge: a pull request, proposed until merged on the forge', () => {
  let forge: GitHttpServer;
  let portal: Awaited<ReturnType<typeof startTestPortal>>;
  let base = '';
  let api: ReturnType<typeof portalApi>;

  before(async () => {
    forge = await startGitHttpServer({ users: { [USER]: PASSWORD } });
    // The homelab's own GitOps repository, as it is today: this working tree's HEAD.
    forge.createRepository(OWNER, REPO, ROOT);
    portal = await startTestPortal({ offset: OFFSET, extraEnv: forgeConfig(forge), buildFrontend: false });
    base = portal.env.E2E_BASE_URL;
    console.log(`forge portal at ${base}, GitOps remote ${forge.repoUrl(OWNER, REPO)} (backend log: ${portal.backendLog})`);
    api = portalApi(base);
    // The templates, too, come from the forge (the portal clones its checkout first).
    await api.waitForEntity({ kind: 'template', name: 'compose-migration' }, 120_000);
  });
  after(async () => {
    await portal?.stop();
    await forge?.close();
  });
  const session = signedInSession(() => base);

  /** Polls the second portal's catalog until the component exists and `check` holds. */
  async function entityOnce(name: string, check: (e: Entity) => boolean, timeoutMs = 90_000): Promise<Entity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const entity = await api.getJson<Entity>(`/api/catalog/entities/by-name/component/default/${name}`).catch(() => undefined);
      if (entity && check(entity)) return entity;
      if (Date.now() > deadline) throw new Error(`component:default/${name}: ${entity ? JSON.stringify(entity.metadata) : 'not in the catalog'}`);
      await new Promise(r => setTimeout(r, 1_000));
    }
  }

  it('ends the compose form run with the link to the pull request the portal opened on the forge', async () => {
    const page = session.page;
    const next = () => page.getByRole('button', { name: 'Next' }).click();
    await page.goto(`${base}/create/templates/default/compose-migration`);
    await page
      .getByLabel('docker-compose.yml')
      .fill('services:\n  linkding:\n    image: sissbruecker/linkding:1.36.0\n    ports: ["9090:9090"]\n');
    await page.getByRole('button', { name: /Service to migrate/ }).click();
    await page.getByRole('option', { name: /^linkding \(/ }).click();
    await next();
    await page.getByLabel('Service name on the cluster').fill('linkding');
    await page.getByRole('textbox', { name: 'New namespace' }).fill('linkding');
    await next();
    await page.getByLabel('Phase number').fill('4.70');
    await page.getByLabel('Title').fill('Linkding');
    await page.getByLabel('Where it runs today').fill('the Docker host');
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    const link = page.getByRole('link', { name: 'Pull request' });
    await link.waitFor({ timeout: 120_000 });
    assert.equal(forge.pulls.length, 1, 'one pull request opened');
    const [pull] = forge.pulls;
    assert.equal(pull.head.ref, 'scaffold/linkding');
    assert.equal(pull.base.ref, 'main');
    assert.equal(await link.getAttribute('href'), pull.html_url);
    await page.getByRole('link', { name: 'The entity, once merged' }).waitFor();
    await screenshot(page, 'gitops-forge-task-pull-request');
  });

  it('shows the plan as proposed with the pull request\'s number, and the entity as proposed', async () => {
    const page = session.page;
    await page.goto(`${base}/homelab/migration`);
    const row = page.getByRole('row', { name: /Phase 4\.70: Linkding/ });
    await row.waitFor({ timeout: 90_000 });
    const label = row.getByLabel('proposed on scaffold/linkding');
    await label.getByRole('link', { name: `pull request #${forge.pulls[0].number}` }).waitFor({ timeout: 60_000 });
    // (the link's text also holds Backstage's hidden "Opens in a new window")
    assert.match((await label.innerText()).replace(/\s+/g, ' '), new RegExp(`^proposed \\(pull request #${forge.pulls[0].number}\\b`));
    assert.equal(await label.getByRole('link').getAttribute('href'), forge.pulls[0].html_url);
    await screenshot(page, 'gitops-forge-plan-proposed');

    const proposed = await entityOnce('linkding', e => proposedBranch(e) === 'scaffold/linkding');
    assert.deepEqual(proposed.metadata.tags, ['proposed']);
    // The entity-to-be's Migration tab says the same.
    await page.goto(`${base}/catalog/default/component/linkding`);
    await entityTab(page, 'Migration').click();
    await page
      .getByLabel('proposed on scaffold/linkding')
      .getByRole('link', { name: `pull request #${forge.pulls[0].number}` })
      .waitFor();
    await screenshot(page, 'gitops-forge-entity-tab-proposed');
  });

  it('after the pull request is merged on the forge, shows a normal plan and a normal catalog entity', async t => {
    const pull = forge.pulls[0];
    const mergedAt = Date.now();
    const res = await fetch(`${forge.baseUrl}/api/v1/repos/${OWNER}/${REPO}/pulls/${pull.number}/merge`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      // Gitea's MergePullRequestOption: Do is the merge style.
      body: JSON.stringify({ Do: 'merge' }),
    });
    assert.equal(res.status, 200, await res.text());
    assert.equal(forge.pulls[0].merged, true);

    const merged = await entityOnce('linkding', e => proposedBranch(e) === undefined);
    t.diagnostic(`normal catalog entity ${((Date.now() - mergedAt) / 1000).toFixed(1)} s after the merge`);
    assert.ok(!(merged.metadata.tags ?? []).includes('proposed'), JSON.stringify(merged.metadata));

    const page = session.page;
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto(`${base}/homelab/migration`);
      const row = page.getByRole('row', { name: /Phase 4\.70: Linkding/ });
      await row.waitFor({ timeout: 60_000 });
      await row.getByText('Planned').waitFor();
      if ((await row.getByLabel('proposed on scaffold/linkding').count()) === 0) break;
      assert.ok(Date.now() < deadline, 'the plan is still shown as proposed a minute after the merge');
      await new Promise(r => setTimeout(r, 2_000));
    }
    t.diagnostic(`normal plan ${((Date.now() - mergedAt) / 1000).toFixed(1)} s after the merge`);
    await screenshot(page, 'gitops-forge-plan-merged');
    await page.goto(`${base}/catalog/default/component/linkding`);
    await page.getByText('About', { exact: true }).first().waitFor();
    assert.equal(await page.getByText('proposed', { exact: true }).count(), 0, 'no proposed tag on the entity page');
    await screenshot(page, 'gitops-forge-entity-merged');
    await entityTab(page, 'Migration').click();
    await page.getByText(/Phase 4\.70: Linkding/).first().waitFor();
    assert.equal(await page.getByLabel('proposed on scaffold/linkding').count(), 0, 'the Migration tab shows a normal plan');
  });
});
