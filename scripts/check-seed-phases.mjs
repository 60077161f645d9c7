// CI step: `homelab phases --json` on the user's seed plans (../shared/seeds, or SHARED_DIR)
// must give the values written down by hand in plugins/homelab-common/seed-expectations.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './lib/processes.mjs';

const sharedDir = resolve(ROOT, process.env.SHARED_DIR ?? '../shared');
const seedsDir = join(sharedDir, 'seeds');
if (!existsSync(seedsDir)) {
  console.error(`seed check: ${seedsDir} does not exist. Set SHARED_DIR to the folder that holds seeds/.`);
  process.exit(1);
}

const expected = JSON.parse(readFileSync(join(ROOT, 'plugins/homelab-common/seed-expectations.json'), 'utf8'));
const files = readdirSync(seedsDir).filter(f => f.endsWith('.md')).sort();
const unexpected = files.filter(f => !(f in expected));
if (unexpected.length > 0) {
  console.error(`seed check: no expectation written for ${unexpected.join(', ')} in seed-expectations.json`);
  process.exit(1);
}

const output = execFileSync(join(ROOT, 'node_modules/.bin/homelab'), ['phases', '--json', ...files.map(f => join(seedsDir, f))], {
  encoding: 'utf8',
});
const plans = JSON.parse(output);
let failures = 0;
for (const plan of plans) {
  const name = plan.file.split('/').pop();
  const want = expected[name];
  const got = {
    status: plan.status,
    statusSource: plan.statusSource,
    tasks: plan.tasks,
    sectionsWithPhaseId: plan.sections.filter(s => s.phaseId).length,
    prerequisites: plan.prerequisites,
    drift: [...new Set(plan.drift.map(d => d.kind))].sort(),
  };
  for (const key of Object.keys(got)) {
    const a = JSON.stringify(got[key]);
    const b = JSON.stringify(key === 'drift' ? [...want[key]].sort() : want[key]);
    if (a !== b) {
      failures++;
      console.error(`FAIL ${name}: ${key} is ${a}, expected ${b}`);
    }
  }
  if (!failures) console.log(`ok   ${name}: ${got.status} (${got.statusSource}), ${got.tasks.done} done / ${got.tasks.open} open`);
}
console.log(`seeds: ${plans.length * 6 - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
