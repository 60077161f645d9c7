import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhasePlan } from '../plugins/homelab-common/src';
import type { BenchRow } from './types';

const FIXTURES = join(__dirname, '../plugins/homelab-common/fixtures/phases');

/** Every fixture plan, one after another: all the writing styles in one document. */
function samplePlan(): string {
  return readdirSync(FIXTURES)
    .filter(f => f.endsWith('.md'))
    .map(f => readFileSync(join(FIXTURES, f), 'utf8'))
    .join('\n\n');
}

/**
 * A plan made to defeat piecewise parsing: each step's fence is broken by an
 * unindented line, so its closing ``` opens a top-level fence that runs over
 * the next step's heading and task (the piece must restart there), and
 * nested task lists sit under numbered items that follow a paragraph.
 */
function brokenFenceStep(i: number): string {
  return [
    `## Step ${i}`,
    `- [ ] run step ${i}`,
    '  ```sh',
    `  ./step.sh ${i}`,
    'exit 0',
    '  ```',
    `- [x] inside the fence ${i}`,
    '```',
    `Then:`,
    `${i + 2}. [ ] numbered, but text after a paragraph`,
    `1. [ ] numbered ${i}`,
    `   - [ ] nested ${i}`,
    `     - [x] deeper ${i}`,
    '',
  ].join('\n');
}

const scenarios: { name: string; make: (n: number) => string; base: number }[] =
  [
    {
      name: 'ordinary plans (every fixture)',
      make: n => Array(n).fill(samplePlan()).join('\n\n'),
      base: 5,
    },
    {
      name: 'adversarial: fences in list items broken by unindented lines',
      make: n =>
        Array.from({ length: n }, (_, i) => brokenFenceStep(i)).join(''),
      base: 50,
    },
    {
      name: 'numbered steps with sub-tasks after a paragraph, no headings',
      make: n =>
        `Steps:\n${Array.from(
          { length: n },
          (_, i) =>
            `${
              i + 1
            }. [ ] step ${i}\n   - [ ] check ${i}\n     - [x] detail ${i}\n`,
        ).join('')}`,
      base: 200,
    },
    {
      name: 'adversarial: an unclosed fence at the top, then a long plan',
      make: n => `\`\`\`\n${Array(n).fill(samplePlan()).join('\n\n')}`,
      base: 5,
    },
  ];

/** CPU time of the process for one parse (all its threads, so GC counts). */
function cpuMs(markdown: string): number {
  const start = process.cpuUsage();
  parsePhasePlan(markdown);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The least CPU time of each input over interleaved runs. CPU time rather
 * than wall time, which on a shared machine mostly measures the other
 * processes; interleaved so that both sizes meet the same conditions.
 */
function leastMs(small: string, large: string): [number, number] {
  cpuMs(small); // warm up the JIT and the heap before measuring
  cpuMs(large);
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < 7; i++) {
    times[0].push(cpuMs(small), cpuMs(small));
    times[1].push(cpuMs(large));
  }
  return [Math.min(...times[0]), Math.min(...times[1])];
}

/** Parse time of n and of 10n units of each input; linear growth gives a ratio near 10. */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const kib = (s: string) => Math.round(s.length / 1024);
  for (const { name, make, base } of scenarios) {
    const small = make(base);
    const large = make(base * 10);
    const [smallMs, largeMs] = leastMs(small, large);
    rows.push(
      {
        metric: `${name}, n=${base} (${kib(small)} KiB)`,
        value: Number(smallMs.toFixed(2)),
        unit: 'ms CPU',
      },
      {
        metric: `${name}, 10n=${base * 10} (${kib(large)} KiB)`,
        value: Number(largeMs.toFixed(2)),
        unit: 'ms CPU',
        ratio: Number((largeMs / smallMs).toFixed(2)),
        note: 'vs n; target <= 12 (linear is 10)',
      },
    );
  }
  return rows;
}
