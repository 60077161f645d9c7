// `npm run bench`: every bench/*.bench.ts in its own process, then one table.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/processes.mjs';

const only = process.argv.slice(2);
const files = readdirSync(join(ROOT, 'bench'))
  .filter(f => f.endsWith('.bench.ts'))
  .filter(f => only.length === 0 || only.some(o => f.includes(o)))
  .sort();

const table = [];
for (const file of files) {
  console.error(`[bench] ${file}`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'scripts/lib/runBench.cjs'), join(ROOT, 'bench', file)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stdout.split('\n').find(l => l.startsWith('BENCH_ROWS '));
  if (result.status !== 0 || !line) {
    table.push({ bench: file, metric: 'FAILED', value: '', unit: '', ratio: '', note: `exit ${result.status}` });
    continue;
  }
  for (const row of JSON.parse(line.slice('BENCH_ROWS '.length))) {
    table.push({
      bench: file.replace('.bench.ts', ''),
      metric: row.metric,
      value: Number(row.value.toPrecision(4)),
      unit: row.unit,
      ratio: row.ratio === undefined ? '' : row.ratio.toFixed(2),
      note: row.note ?? '',
    });
  }
}

const columns = ['bench', 'metric', 'value', 'unit', 'ratio', 'note'];
const widths = columns.map(c => Math.max(c.length, ...table.map(r => String(r[c]).length)));
const format = r => columns.map((c, i) => String(r[c]).padEnd(widths[i])).join('  ').trimEnd();
console.log(format(Object.fromEntries(columns.map(c => [c, c]))));
console.log(widths.map(w => '-'.repeat(w)).join('  '));
for (const row of table) console.log(format(row));
process.exit(table.some(r => r.metric === 'FAILED') ? 1 : 0);
