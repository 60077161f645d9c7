import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { parseQuantity } from '../plugins/homelab-common/src/quantity.ts';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { setScenario } from './support/standIn.ts';

const run = promisify(execFile);

// The snapshot is read every 15 s and the widgets poll every 15 s.
const ONE_INTERVAL = 45_000;
// scripts/lib/testPortal.mjs: the stand-in's ports move with E2E_PORT_OFFSET, its token is fixed.
const adminUrl = new URL(
  process.env.E2E_SIM_ADMIN_URL ?? 'http://127.0.0.1:17435',
);
const offset = Number(adminUrl.port) - 17435;
const KUBE_URL = `https://127.0.0.1:${17443 + offset}`;
const SIM_TOKEN = 'homelab-e2e-token';
const dataDir = process.env.E2E_DATA_DIR ?? 'data/e2e';

/** kubectl against the stand-in, with a kubeconfig of its own (never the user's). */
function kubectlFor(dir: string) {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: stand-in`,
      `  cluster: { server: "${KUBE_URL}", certificate-authority: "${join(
        dataDir,
        'homelab-sim-ca.pem',
      )}" }`,
      'users:',
      `- name: portal`,
      `  user: { token: "${SIM_TOKEN}" }`,
      'contexts:',
      '- name: stand-in',
      '  context: { cluster: stand-in, user: portal }',
      'current-context: stand-in',
      '',
    ].join('\n'),
  );
  return async (...args: string[]) =>
    (
      await run('kubectl', args, {
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          KUBECACHEDIR: join(dir, 'cache'),
        },
      })
    ).stdout;
}

/** The memory requests and their percentage from "Allocated resources" of `kubectl describe node`. */
function describedMemory(describe: string) {
  const section = describe.slice(describe.indexOf('Allocated resources:'));
  const m = /^\s+memory\s+(\S+)\s+\((\d+)%\)/m.exec(section);
  assert.ok(m, `no memory line under Allocated resources in:\n${section}`);
  return { requestedBytes: parseQuantity(m[1])!, percent: Number(m[2]) };
}

/** Each row of the grid is filled: its cells span the grid's width with only the gap between them. */
async function assertNoGaps(page: Page) {
  const grid = (await page.getByTestId('home-grid').boundingBox())!;
  const cells = await page
    .locator('[data-testid="home-grid"] > [data-widget]')
    .evaluateAll(els =>
      els.map(e => {
        const r = e.getBoundingClientRect();
        return {
          name: e.getAttribute('data-widget'),
          x: r.x,
          y: r.y,
          width: r.width,
          height: r.height,
        };
      }),
    );
  assert.ok(
    cells.length >= 4,
    `expected the homelab widgets in the grid, found ${JSON.stringify(cells)}`,
  );
  const rows = new Map<number, typeof cells>();
  for (const c of cells)
    rows.set(Math.round(c.y), [...(rows.get(Math.round(c.y)) ?? []), c]);
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    const left = row[0].x - grid.x;
    const right = grid.x + grid.width - (row.at(-1)!.x + row.at(-1)!.width);
    assert.ok(
      left < 1 && right < 1,
      `row ${row.map(c => c.name)} leaves ${left}/${right} px free`,
    );
    for (let i = 1; i < row.length; i++) {
      const gap = row[i].x - (row[i - 1].x + row[i - 1].width);
      assert.ok(
        gap <= 17,
        `${gap} px between ${row[i - 1].name} and ${row[i].name}`,
      );
    }
    const heights = new Set(row.map(c => Math.round(c.height)));
    assert.equal(
      heights.size,
      1,
      `cards of row ${row.map(c => c.name)} end at different heights`,
    );
  }
}

describe('the home page in Chromium', () => {
  const session = signedInSession();
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'home-e2e-'));
    await setScenario('failures');
  });
  after(async () => {
    await setScenario('default');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the failing pods in Cluster health with their reason, at 1280 and 1920 px without gaps', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(baseUrl);
    const crashing = page.getByRole('row', { name: /^pod ai\/ollama-/ });
    await crashing
      .getByText('CrashLoopBackOff: OOMKilled')
      .waitFor({ timeout: ONE_INTERVAL });
    await page
      .getByRole('row', { name: /^pod karakeep\/karakeep-meilisearch-/ })
      .getByText(/Pending: .*Insufficient memory/)
      .waitFor();
    await page
      .getByRole('row', {
        name: /^pod karakeep\/karakeep-[a-z0-9]+-[a-z0-9]+$/,
      })
      .getByText(/ImagePullBackOff/)
      .waitFor();
    await assertNoGaps(page);
    await screenshot(page, 'home-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await assertNoGaps(page);
    await screenshot(page, 'home-1920');
  });

  it('links a failing pod to its catalog entity, whose overview opens with the Ollama load card', async () => {
    const { page } = session;
    await page
      .getByRole('row', { name: /^pod ai\/ollama-/ })
      .getByRole('link')
      .click();
    await page.waitForURL(/\/catalog\/default\/component\/ollama$/);
    const load = page.getByText('Ollama load').first();
    await load.waitFor();
    const relations = page.getByText('Relations', { exact: true }).first();
    await relations.waitFor();
    const [loadBox, relationsBox] = [
      await load.boundingBox(),
      await relations.boundingBox(),
    ];
    assert.ok(
      loadBox!.y < relationsBox!.y,
      `the Ollama load card (y ${loadBox!.y}) is below Relations (y ${
        relationsBox!.y
      })`,
    );
    await screenshot(page, 'home-ollama-entity-overview');
  });

  it('shows node memory requests as kubectl describe node sums them', async () => {
    const { page } = session;
    const kubectl = kubectlFor(dir);
    await page.goto(baseUrl);
    const nodes = (await kubectl('get', 'nodes', '-o', 'name'))
      .trim()
      .split('\n')
      .map(n => n.replace('node/', ''));
    assert.ok(nodes.length > 0);
    for (const node of nodes) {
      const expected = describedMemory(await kubectl('describe', 'node', node));
      const memory = page.locator(
        `[data-node="${node}"] [data-figure="memory"]`,
      );
      await memory.waitFor({ timeout: ONE_INTERVAL });
      assert.equal(
        Number(await memory.getAttribute('data-requested')),
        expected.requestedBytes,
        `memory requested on ${node}`,
      );
      assert.match(
        (await memory.textContent())!,
        new RegExp(`\\(${expected.percent}%\\)`),
        `percentage on ${node}`,
      );
    }
  });

  it('lists the phase in progress in the Migration widget', async () => {
    const { page } = session;
    const phase = page.getByRole('listitem', {
      name: /^plan Phase 4\.24: Karakeep Migration: 4\.24\.1 Research/,
    });
    await phase.waitFor({ timeout: ONE_INTERVAL });
    await phase.getByText(/4 of 6 tasks done/).waitFor();
    await phase.getByRole('link').first().click();
    await page.waitForURL(
      /\/catalog\/default\/component\/karakeep\/migration$/,
    );
  });
});
