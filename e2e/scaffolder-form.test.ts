import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { fillHomelabServiceForm } from './support/scaffolder.ts';

describe('the "New homelab service" form in Chromium', () => {
  const session = signedInSession();

  const next = () => session.page.getByRole('button', { name: 'Next' }).click();

  it('refuses a name that is not a DNS label before leaving the first step', async () => {
    await session.page.goto(`${baseUrl}/create/templates/default/homelab-service`);
    await session.page.getByLabel('Name').first().fill('Link_Ding');
    await next();
    await session.page.getByText(/must match pattern/).first().waitFor();
    await screenshot(session.page, 'scaffolder-bad-name');
  });

  it('scaffolds a service into an existing namespace and links to the entity it will be once merged', async () => {
    await fillHomelabServiceForm(session.page, { name: 'linkding', namespace: /karakeep/, image: 'sissbruecker/linkding:1.41.0', hostname: 'links' });

    // The last page previews what the task will generate, from a dry run on the backend.
    await session.page.getByRole('button', { name: 'Preview the generated files' }).click();
    await session.page.getByText(/\d+ file\(s\) would be generated; lint: \d+ file\(s\), 0 error\(s\)/).waitFor({ timeout: 60_000 });
    await session.page.getByText('manifests/karakeep/linkding/deployment.yaml').click();
    await session.page.getByText(/image: sissbruecker\/linkding:1\.41\.0/).first().waitFor();
    await screenshot(session.page, 'scaffolder-preview');
    await session.page.getByRole('button', { name: 'Review', exact: true }).click();
    await session.page.getByText('sissbruecker/linkding:1.41.0').waitFor();
    assert.equal(await session.page.getByText('What will be generated').count(), 0, 'the preview holds no value to review');
    await screenshot(session.page, 'scaffolder-review');
    await session.page.getByRole('button', { name: 'Create' }).click();

    const entityLink = session.page.getByRole('link', { name: 'The entity, once merged' });
    await entityLink.waitFor({ timeout: 90_000 });
    await session.page.getByText(/scaffold\/linkding/).first().waitFor();
    await session.page.getByText(/manifests\/karakeep\/linkding\/deployment\.yaml/).first().waitFor();
    await screenshot(session.page, 'scaffolder-task-done');
    assert.match(String(await entityLink.getAttribute('href')), /\/catalog\/default\/component\/linkding/);
  });
});
