import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, screenshot, signedInPage } from './support/browser.ts';

describe('the "New homelab service" form in Chromium', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launch();
    page = await signedInPage(browser);
  });
  after(async () => browser?.close());

  const next = () => page.getByRole('button', { name: 'Next' }).click();

  it('refuses a name that is not a DNS label before leaving the first step', async () => {
    await page.goto(`${baseUrl}/create/templates/default/homelab-service`);
    await page.getByLabel('Name').first().fill('Link_Ding');
    await next();
    await page.getByText(/must match pattern/).first().waitFor();
    await screenshot(page, 'scaffolder-bad-name');
  });

  it('scaffolds a service into an existing namespace and links to the new entity', async () => {
    await page.getByLabel('Name').first().fill('linkding');
    await next();
    await page.getByRole('combobox').click();
    await page.getByRole('option', { name: /karakeep/ }).click();
    await next();
    await page.getByLabel('Image').fill('sissbruecker/linkding:1.41.0');
    await page.getByLabel('Hostname').fill('links');
    await next();
    await next();
    await next();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText('sissbruecker/linkding:1.41.0').waitFor();
    await screenshot(page, 'scaffolder-review');
    await page.getByRole('button', { name: 'Create' }).click();

    const entityLink = page.getByRole('link', { name: 'Open in the catalog' });
    await entityLink.waitFor({ timeout: 90_000 });
    await page.getByText(/scaffold\/linkding/).first().waitFor();
    await screenshot(page, 'scaffolder-task-done');
    await entityLink.click();
    await page.getByRole('heading', { name: /linkding/ }).first().waitFor();
    assert.match(page.url(), /\/catalog\/default\/component\/linkding/);
  });
});
