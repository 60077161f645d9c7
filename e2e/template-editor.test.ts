import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { fillHomelabServiceForm } from './support/scaffolder.ts';

const dataDir = process.env.E2E_DATA_DIR ?? 'data/e2e';
const TEMPLATE = readFileSync('templates/homelab-service/template.yaml', 'utf8');

/**
 * "Load Template Directory" asks the browser for a folder through the File System Access
 * API, which has no headless dialog. The picker is replaced by the origin-private file
 * system, a real directory handle, holding the template as a user's folder would.
 */
function pickTemplateFolder(files: Record<string, string>) {
  (window as any).showDirectoryPicker = async () => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('homelab-service', { create: true });
    for (const [name, content] of Object.entries(files)) {
      const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
      await writable.write(content);
      await writable.close();
    }
    return folder;
  };
}

describe('the template editor dry-runs homelab-service in Chromium', () => {
  const session = signedInSession();
  before(() => session.page.addInitScript(pickTemplateFolder, { 'template.yaml': TEMPLATE }));

  it('shows the rendered manifests of a dry run and publishes nothing', async () => {
    await session.page.goto(`${baseUrl}/create/edit`);
    await session.page.getByText('Load Template Directory').click();
    await session.page.getByText('template.yaml').waitFor();

    await fillHomelabServiceForm(session.page, { name: 'dryrun-demo', namespace: /karakeep/, image: 'sissbruecker/linkding:1.41.0', hostname: 'links' });
    await session.page.getByRole('button', { name: 'Review', exact: true }).click();
    await session.page.getByRole('button', { name: 'Create' }).click();

    await session.page.getByText('Dry-run results').waitFor({ timeout: 60_000 });
    await session.page.getByText('Result 1').waitFor();
    // The second tree is the dry run's; the first lists the template folder.
    const tree = session.page.getByRole('tree').last();
    await tree.getByText('manifests', { exact: true }).click();
    await tree.getByText('karakeep', { exact: true }).click();
    await tree.getByText('dryrun-demo', { exact: true }).click();
    for (const file of ['deployment.yaml', 'service.yaml', 'httproute.yaml', 'networkpolicy.yaml', 'catalog-info.yaml']) {
      await tree.getByText(file, { exact: true }).waitFor();
    }
    await tree.getByText('deployment.yaml', { exact: true }).click();
    const viewer = session.page.locator('.cm-content').last();
    await viewer.getByText('kind: Deployment').waitFor();
    await viewer.getByText('sissbruecker/linkding:1.41.0').waitFor();
    await screenshot(session.page, 'template-editor-dry-run-files');

    await session.page.getByRole('tab', { name: 'Log' }).click();
    await session.page.getByText('Lint manifests', { exact: true }).click();
    await session.page.getByText(/lint: \d+ file\(s\), 0 error\(s\)/).first().waitFor();
    await session.page.getByText('Open a pull request in the GitOps repository', { exact: true }).click();
    await session.page.getByText(/dry run: would push scaffold\/dryrun-demo/).first().waitFor();

    // the embedded default of homelab.gitops
    const repository = join(dataDir, 'gitops/remote.git');
    const branches = existsSync(repository)
      ? execFileSync('git', ['-C', repository, 'branch', '--list', 'scaffold/dryrun-demo'], { encoding: 'utf8' })
      : '';
    assert.equal(branches.trim(), '', 'a dry run creates no branch');
  });
});
