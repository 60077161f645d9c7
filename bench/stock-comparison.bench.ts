import { join } from 'node:path';
import { buildBackendBundle, unpackBundle } from './stock/backendBundle.ts';
import { comparisonRows, median } from './stock/compare.ts';
import { createAppVersion } from './stock/createAppVersion.ts';
import { initialJs } from './stock/initialJs.ts';
import {
  measureBackendStart,
  type BackendLaunch,
} from './stock/measureBackend.ts';
import { startStandIn } from './stock/standIn.ts';
import { ensureStockApp } from './stock/stockApp.ts';
import type { BackendStart } from './stock/types.ts';
import type { BenchRow } from './types.ts';

const ROOT = join(__dirname, '..');
const PORT = Number(process.env.STOCK_COMPARISON_PORT ?? 19707);
const RUNS = Number(process.env.STOCK_COMPARISON_RUNS ?? 3);
const SETTLE_MS = 10_000;
const TARGETS = { start: 1.3, rss: 1.3, js: 1.15 };
const MIB = 1024 * 1024;

const log = (line: string) =>
  process.stderr.write(`[stock-comparison] ${line}\n`);

/**
 * This portal's production bundle against a stock app of the same Backstage release, created
 * from the registry (cached per release): backend cold start to readiness and RSS after start
 * (production mode, SQLite files in an empty folder for both, median of RUNS starts taken in
 * turns), and the catalog page's initial JavaScript, gzip. The first run creates and installs
 * the stock app (about 3,300 packages; 20 minutes here) under STOCK_BACKSTAGE_CACHE, by default
 * $TMPDIR/homelab-bench-stock/<release>; later runs reuse it and take about 4 minutes.
 */
export async function run(): Promise<BenchRow[]> {
  const { release, createApp } = createAppVersion(ROOT);
  const stock = await ensureStockApp(ROOT, release, createApp);
  const stockLabel = `stock Backstage ${release}`;

  const portalBundle = join(ROOT, 'data/bench-stock/portal-bundle');
  await unpackBundle(await buildBackendBundle(ROOT), portalBundle);

  // Every route of both apps is served by the same index.html, the catalog page's included.
  const portalJs = initialJs(join(portalBundle, 'packages/app/dist'));
  const stockJs = initialJs(join(stock.bundleDir, 'packages/app/dist'));
  log(
    `initial JavaScript: portal ${portalJs.files.join(
      ', ',
    )}; stock ${stockJs.files.join(', ')}`,
  );

  const standIn = await startStandIn(ROOT, PORT + 1);
  const launches: Record<'portal' | 'stock', BackendLaunch> = {
    portal: {
      backendDir: join(portalBundle, 'packages/backend'),
      configs: [join(ROOT, 'app-config.yaml')],
      port: PORT,
      env: { ...standIn.env, APP_CONFIG_homelab_repositoryRoot: ROOT },
      settleMs: SETTLE_MS,
    },
    stock: {
      backendDir: join(stock.bundleDir, 'packages/backend'),
      configs: [join(stock.root, 'app-config.yaml')],
      port: PORT,
      env: {},
      settleMs: SETTLE_MS,
    },
  };
  const starts: Record<'portal' | 'stock', BackendStart[]> = {
    portal: [],
    stock: [],
  };
  try {
    // In turns, so that load from elsewhere on the machine falls on both alike.
    for (let i = 0; i < RUNS; i++) {
      for (const app of ['stock', 'portal'] as const) {
        const start = await measureBackendStart(launches[app]);
        log(
          `${app} run ${i + 1}: ready in ${start.readyMs.toFixed(0)} ms, RSS ${(
            start.rssBytes / MIB
          ).toFixed(1)} MiB`,
        );
        starts[app].push(start);
      }
    }
  } finally {
    await standIn.stop();
  }

  const readyMs = (app: 'portal' | 'stock') =>
    median(starts[app].map(s => s.readyMs));
  const rssMiB = (app: 'portal' | 'stock') =>
    median(starts[app].map(s => s.rssBytes)) / MIB;
  return [
    ...comparisonRows(
      'backend cold start to readiness',
      'ms',
      readyMs('portal'),
      readyMs('stock'),
      TARGETS.start,
      stockLabel,
    ),
    ...comparisonRows(
      `backend RSS ${SETTLE_MS / 1000} s after readiness`,
      'MiB',
      rssMiB('portal'),
      rssMiB('stock'),
      TARGETS.rss,
      stockLabel,
    ),
    ...comparisonRows(
      'catalog page initial JavaScript, gzip',
      'KiB',
      portalJs.gzipBytes / 1024,
      stockJs.gzipBytes / 1024,
      TARGETS.js,
      stockLabel,
    ),
  ];
}
