import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';

describe('the portal in Chromium', () => {
  const session = signedInSession();

  it('signs in as guest and shows the homelab home page', async () => {
    await session.page.getByText('Cluster health').first().waitFor();
    assert.match(await session.page.title(), /Homelab/);
    await screenshot(session.page, 'home');
  });

  it('lists the homelab entities in the catalog', async () => {
    await session.page.goto(`${baseUrl}/catalog?filters[kind]=component&filters[user]=all`);
    await session.page.getByRole('link', { name: 'Homelab portal' }).waitFor();
    await session.page.getByRole('link', { name: 'Homelab documentation' }).waitFor();
    await screenshot(session.page, 'catalog');
  });

  it('opens an entity page', async () => {
    await session.page.getByRole('link', { name: 'Homelab portal' }).click();
    await session.page.getByRole('heading', { name: /Homelab portal/ }).first().waitFor();
    await session.page.getByText('This Backstage portal and the GitOps repository it lives in').first().waitFor();
    await screenshot(session.page, 'entity-homelab-portal');
  });

  it('renders a TechDocs page of the portal docs with its title', async () => {
    await session.page.goto(`${baseUrl}/docs/default/component/homelab-docs/runbooks/running-the-portal/`);
    // The first view builds the site with mkdocs; that can take a while on a cold start.
    const pageTitle = session.page.getByRole('heading', { name: 'Running the portal', level: 1 });
    await pageTitle.waitFor({ timeout: 120_000 });
    // The reader's header names the docs entity and mkdocs' own navigation carries the site name.
    await session.page.getByRole('link', { name: 'Homelab documentation' }).first().waitFor();
    await session.page.getByText('Karakeep rollback').first().waitFor();
    await screenshot(session.page, 'techdocs-running-the-portal');
  });

  it('finds the runbooks in TechDocs search', async () => {
    // The docs site exists once the reader has built it (above); the collator indexes it on
    // its next run, every 20 s in the end-to-end configuration.
    const result = session.page.getByRole('link', { name: /Karakeep rollback/ }).first();
    const deadline = Date.now() + 90_000;
    for (;;) {
      await session.page.goto(`${baseUrl}/search?query=rollback`);
      try {
        await result.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await session.page.waitForTimeout(5_000);
      }
    }
    await screenshot(session.page, 'search-rollback');
  });
});
