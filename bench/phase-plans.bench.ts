import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhasePlan } from '../plugins/homelab-common/src';
import type { BenchRow } from './types';

const FIXTURES = join(__dirname, '../plugins/homelab-common/fixtures/phases');
const BASE_COPIES = 20;

/** Every fixture plan, one after another: all the writing styles in one document. */
function samplePlan(): string {
  return readdirSync(FIXTURES)
    .filter(f => f.endsWith('.md'))
    .map(f => readFileSync(join(FIXTURES, f), 'utf8'))
    .join('\n\n');
}

function medianMs(markdown: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parsePhasePlan(markdown);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Parse time of n and of 10n copies of a plan; linear growth gives a ratio near 10. */
export async function run(): Promise<BenchRow[]> {
  const sample = samplePlan();
  const small = Array(BASE_COPIES).fill(sample).join('\n\n');
  const large = Array(BASE_COPIES * 10)
    .fill(sample)
    .join('\n\n');
  medianMs(small, 5); // warm up the JIT before measuring
  const smallMs = medianMs(small, 9);
  const largeMs = medianMs(large, 5);
  const kib = (s: string) => Math.round(s.length / 1024);
  return [
    {
      metric: `parse phase plan, ${BASE_COPIES} copies (${kib(small)} KiB)`,
      value: Number(smallMs.toFixed(2)),
      unit: 'ms',
    },
    {
      metric: `parse phase plan, ${BASE_COPIES * 10} copies (${kib(
        large,
      )} KiB)`,
      value: Number(largeMs.toFixed(2)),
      unit: 'ms',
      ratio: Number((largeMs / smallMs).toFixed(2)),
      note: `vs ${BASE_COPIES} copies; target about 10 (linear), never near 100`,
    },
  ];
}
