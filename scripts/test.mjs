// `npm test`: type check, lint, unit tests of every workspace, TechDocs builds, the production
// boot against PostgreSQL, then end-to-end tests in Chromium against a portal started here.
// Ends with one line: `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/processes.mjs';
import { startTestPortal } from './lib/testPortal.mjs';

const results = [];
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e` runs just those steps

function run(argv, { env, capture, cwd } = {}) {
  return new Promise(resolve => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: cwd ?? ROOT,
      env: { ...process.env, ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (capture) {
      for (const stream of [child.stdout, child.stderr]) {
        stream.on('data', chunk => {
          output += chunk;
          process.stdout.write(chunk);
        });
      }
    }
    child.on('exit', code => resolve({ code: code ?? 1, output }));
  });
}

const bin = name => join(ROOT, 'node_modules/.bin', name);

/** A step that is one check: it passes or fails as a whole. */
async function check(name, argv, options) {
  console.log(`\n=== ${name}`);
  const { code } = await run(argv, options);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}

/** Workspaces with unit tests: every package under packages/ and plugins/ with a src/ folder. */
function workspaces() {
  return ['packages', 'plugins'].flatMap(group =>
    readdirSync(join(ROOT, group))
      .map(name => join(group, name))
      .filter(dir => existsSync(join(ROOT, dir, 'package.json')) && existsSync(join(ROOT, dir, 'src'))),
  );
}

// Store tests run on PostgreSQL too (Backstage's TestDatabases) when the machine's server answers;
// no container engine runs here, so without it they run on SQLite alone.
const PG_TEST_URL = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
function testDatabaseEnv() {
  if (process.env[PG_TEST_URL]) return {};
  const ready = spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
  return ready.status === 0 ? { [PG_TEST_URL]: 'postgresql://postgres@127.0.0.1:5432' } : {};
}

// One Jest run per workspace rather than `repo test`: in one multi-project run, packages
// that resolve kubernetes-models' ESM-only exports with their own resolver intermittently
// got modules resolved without it (seen in CI), while each package on its own is stable.
async function jestStep() {
  console.log('\n=== unit tests (every workspace)');
  const reports = join(ROOT, 'data/test-results/unit');
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  let passed = 0;
  let failed = 0;
  const databases = testDatabaseEnv();
  const pg = databases[PG_TEST_URL] ?? process.env[PG_TEST_URL];
  console.log(pg ? `store tests on PostgreSQL (${pg}) and SQLite` : 'store tests on SQLite only: no PostgreSQL answers on 127.0.0.1:5432');
  for (const dir of workspaces()) {
    console.log(`\n--- ${dir}`);
    const outputFile = join(reports, `${dir.replace('/', '-')}.json`);
    const { code } = await run(
      [bin('backstage-cli'), 'package', 'test', '--ci', '--passWithNoTests', '--json', `--outputFile=${outputFile}`],
      { env: { CI: 'true', ...databases }, cwd: join(ROOT, dir) },
    );
    try {
      const report = JSON.parse(readFileSync(outputFile, 'utf8'));
      passed += report.numPassedTests;
      const suiteErrors = report.numRuntimeErrorTestSuites ?? 0;
      failed += report.numFailedTests + suiteErrors || (code !== 0 ? 1 : 0);
    } catch {
      console.log(`no report from ${dir} (exit ${code})`);
      failed += 1;
    }
  }
  results.push({ name: 'unit tests', passed, failed });
}

/** node:test files; counts come from the runner's own summary. */
async function nodeTestStep(name, files, env) {
  console.log(`\n=== ${name}`);
  const { code, output } = await run([process.execPath, '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
    env,
    capture: true,
  });
  const count = label => Number(output.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  results.push({ name, passed, failed: failed || (code !== 0 ? 1 : 0) });
}

const E2E_FILES = [
  'e2e/portal.test.ts',
  'e2e/kubernetes.test.ts',
  'e2e/catalog.test.ts',
  'e2e/homelab.test.ts',
  'e2e/home.test.ts',
  'e2e/cutover.test.ts',
  'e2e/scaffolder.test.ts',
  'e2e/scaffolder-form.test.ts',
  'e2e/template-editor.test.ts',
  'e2e/compose-migration.test.ts',
  'e2e/compose-stack.test.ts',
  'e2e/gitops.test.ts',
  'e2e/gitops-forge.test.ts',
  'e2e/abuse.test.ts',
];

function printBackendProblems(logFile) {
  const problems = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(line => /\b(warn|error)\b/.test(line));
  console.log(`\n=== backend warnings and errors during the end-to-end tests (full log: ${logFile})`);
  console.log(problems.slice(-60).join('\n'));
}

const steps = {
  tsc: () => check('type check', [bin('tsc'), '--noEmit']),
  lint: () => check('lint', [bin('backstage-cli'), 'repo', 'lint']),
  unit: jestStep,
  // The benchmarks' own helpers (bench/stock measures this portal against a stock app) and the
  // build scripts' (the image recipe the production step runs, the frontend build's swap).
  bench: () =>
    nodeTestStep('bench and build-script helpers', [
      'bench/stock/initialJs.test.ts',
      'bench/stock/pinVersions.test.ts',
      'bench/stock/processTree.test.ts',
      'scripts/image-recipe.test.mjs',
      'scripts/lib/swapFolder.test.mjs',
    ]),
  docs: async () => {
    await check('TechDocs: mkdocs build --strict', ['mkdocs', 'build', '--strict', '--quiet', '-f', 'mkdocs.yml', '-d', 'data/test-results/site']);
    await check('TechDocs: every repository path a runbook mentions exists', [process.execPath, 'scripts/check-doc-paths.mjs']);
    // kustomize reads only inside manifests/portal, so the ConfigMap is generated from a copy.
    await check('manifests/portal: the ConfigMap copy equals app-config.production.yaml', ['cmp', 'app-config.production.yaml', 'manifests/portal/app-config.production.yaml.copy']);
  },
  // Both run the production bundle (scripts/lib/bundle.mjs builds it, or takes it from data/bundle).
  production: () => nodeTestStep('production bundle on PostgreSQL', ['e2e/production-boot.test.ts', 'e2e/production-replicas.test.ts']),
  e2e: async () => {
    console.log('\n=== building the frontend and starting a portal for the browser tests');
    let portal;
    try {
      portal = await startTestPortal();
      await nodeTestStep('end-to-end (Chromium)', E2E_FILES, portal.env);
      if (results.at(-1).failed) printBackendProblems(portal.backendLog);
    } catch (e) {
      console.error(`end-to-end setup failed: ${e.message}`);
      results.push({ name: 'end-to-end setup', passed: 0, failed: 1 });
    } finally {
      await portal?.stop();
    }
  },
};

for (const [name, step] of Object.entries(steps)) {
  if (only.length === 0 || only.includes(name)) await step();
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.failed ? 'FAIL' : 'ok  '}  ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
