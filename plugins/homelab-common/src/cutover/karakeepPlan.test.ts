import fs from 'node:fs';
import path from 'node:path';
import { parseCutoverPlan } from './parseCutoverPlan';

// The repository's own plan: its declarations must parse without problems.
const PLAN = path.resolve(
  __dirname,
  '../../../../docs/phases/phase-4.24-karakeep.md',
);

describe('the Karakeep phase plan', () => {
  it('declares live checks on its cutover verification items, all valid', () => {
    const plan = parseCutoverPlan(fs.readFileSync(PLAN, 'utf8'));
    expect(plan.problems).toEqual([]);
    expect(plan.section?.title).toBe('4.24.5 Cutover');
    const kinds = new Set(plan.items.flatMap(i => i.checks.map(c => c.kind)));
    expect([...kinds].sort()).toEqual([
      'deployment',
      'http',
      'httproute',
      'ollama-model',
      'pods',
      'pvc',
      'service',
    ]);
    expect(plan.items.find(i => i.text.startsWith('4.24.5.2'))?.checks).toEqual(
      [],
    );
  });
});
