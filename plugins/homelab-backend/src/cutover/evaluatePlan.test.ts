import { parseCutoverPlan } from '@internal/plugin-homelab-common';
import { evaluatePlan } from './evaluatePlan';
import type { CutoverClusterReader } from './types';

describe('evaluatePlan', () => {
  const plan = parseCutoverPlan(`## Cutover

- [x] Volume bound <!-- check: pvc namespace=web name=data -->
- [ ] Model pulled <!-- check: ollama-model model=qwen3:1.7b -->
- [x] Both in place <!-- check: pvc name=data namespace=web --> <!-- check: ollama-model model=qwen3:1.7b -->
- [ ] Tell the family
`);

  it('reads each distinct check once and flags where checklist and reality disagree', async () => {
    const calls: string[] = [];
    const cluster = {
      getPersistentVolumeClaim: async (ns: string, name: string) => {
        calls.push(`pvc ${ns}/${name}`);
        return { metadata: { name }, status: { phase: 'Pending' } };
      },
    } as unknown as CutoverClusterReader;
    const ollama = {
      tags: async () => {
        calls.push('tags');
        return { models: [{ name: 'qwen3:1.7b' }] };
      },
    };
    const items = await evaluatePlan(plan, { cluster, ollama });
    expect(calls.sort()).toEqual(['pvc web/data', 'tags']);
    expect(items.map(i => [i.text, i.status, i.disagreement])).toEqual([
      ['Volume bound', 'fail', 'ticked-but-failing'],
      ['Model pulled', 'pass', 'open-but-passing'],
      ['Both in place', 'fail', 'ticked-but-failing'],
      ['Tell the family', undefined, undefined],
    ]);
    expect(items[2].results.map(r => r.evidence)).toEqual([
      'PVC data Pending',
      'qwen3:1.7b is pulled in Ollama',
    ]);
  });
});
