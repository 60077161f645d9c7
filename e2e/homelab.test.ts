import { after, before, describe, it } from 'node:test';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { setScenario } from './support/standIn.ts';

// The e2e configuration samples Ollama every 15 s (app-config.yaml); a change must show
// within one interval plus the card's own refresh.
const ONE_INTERVAL = 45_000;

describe('the homelab plugin in Chromium', () => {
  before(() => setScenario('default'));
  after(() => setScenario('default'));
  const session = signedInSession();

  it('shows the Ollama load card with the installed models', async () => {
    await session.page.goto(`${baseUrl}/catalog/default/component/ollama`);
    await session.page.getByText('Ollama load').first().waitFor({ timeout: ONE_INTERVAL });
    await session.page.getByText(/Up, version \d/).waitFor({ timeout: ONE_INTERVAL });
    await session.page.getByRole('cell', { name: 'qwen3:1.7b' }).first().waitFor();
    await screenshot(session.page, 'homelab-ollama-card');
  });

  it('shows the runbooks card linking into TechDocs', async () => {
    await session.page.getByRole('link', { name: 'Ollama operations' }).click();
    await session.page.getByRole('heading', { name: 'Ollama operations', level: 1 }).waitFor({ timeout: 120_000 });
  });

  it('shows Ollama down on the card within one sampling interval', async () => {
    await session.page.goto(`${baseUrl}/catalog/default/component/ollama`);
    await session.page.getByText(/Up, version \d/).waitFor({ timeout: ONE_INTERVAL });
    await setScenario('ollama-down');
    await session.page.getByText(/Down since/).waitFor({ timeout: ONE_INTERVAL });
    await screenshot(session.page, 'homelab-ollama-down');
    await setScenario('default');
    await session.page.getByText(/Up, version \d/).waitFor({ timeout: ONE_INTERVAL });
  });

  it('lists the phase plans on the Migration page with status and drift', async () => {
    await session.page.goto(`${baseUrl}/homelab/migration`);
    await session.page.getByText('Phase 4.23: Ollama Local AI').waitFor();
    await session.page.getByText('Phase 4.24: Karakeep Migration').waitFor();
    await session.page.getByText(/after 4\.23: complete/).waitFor();
    await screenshot(session.page, 'homelab-migration-page');
  });

  it('shows the Karakeep plan on its Migration tab', async () => {
    await session.page.goto(`${baseUrl}/catalog/default/component/karakeep/migration`);
    await session.page.getByText(/Rollback/i).first().waitFor();
    await screenshot(session.page, 'homelab-migration-tab');
  });
});
