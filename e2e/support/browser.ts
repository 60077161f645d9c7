import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:17007';
const screenshots = process.env.E2E_SCREENSHOTS ?? 'e2e-results';

// Debian's Chromium; downloading a browser is not possible on these machines.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** A page signed in as guest (the development configuration's only provider), on the portal at `base`. */
export async function signedInPage(browser: Browser, base: string = baseUrl): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  await page.goto(base);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByTestId('home-grid').waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/**
 * One Chromium and one guest page for the calling suite: opened in its before hook,
 * closed in its after hook. Read `session.page` inside tests. `base` (the main portal's
 * origin by default) is read in the before hook, so a suite may start its own portal in
 * an earlier before hook and pass a getter.
 */
export function signedInSession(base: string | (() => string) = baseUrl): { readonly page: Page } {
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    browser = await launch();
    page = await signedInPage(browser, typeof base === 'function' ? base() : base);
  });
  after(async () => browser?.close());
  return {
    get page() {
      if (!page) throw new Error('the browser session starts in the suite\'s before hook');
      return page;
    },
  };
}
