import { mockServices } from '@backstage/backend-test-utils';
import { parseCutoverPlan } from '@internal/plugin-homelab-common';
import { CutoverRunner } from './CutoverRunner';
import type { PlanCutover } from './runnerTypes';
import type { CutoverClusterReader } from './types';

const plan = (id: string, markdown: string): PlanCutover => ({
  id,
  file: `docs/phases/${id}.md`,
  title: id,
  entityRefs: [`component:default/${id}`],
  cutover: parseCutoverPlan(markdown),
});

const IN_PROGRESS = plan(
  'karakeep',
  `## Cutover

- [x] Volume bound <!-- check: pvc namespace=karakeep name=data -->
- [ ] Model pulled <!-- check: ollama-model model=qwen3:1.7b -->
`,
);
const NOT_STARTED = plan(
  'immich',
  `## Cutover

- [ ] Volume bound <!-- check: pvc namespace=immich name=library -->
`,
);

function setup(plans: PlanCutover[], minGapMs = 5_000) {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  const cluster = {
    getPersistentVolumeClaim: async (ns: string, name: string) => {
      calls.push(`pvc ${ns}/${name}`);
      await gate;
      return { metadata: { name }, status: { phase: 'Bound' } };
    },
  } as unknown as CutoverClusterReader;
  const ollama = {
    tags: async () => {
      calls.push('tags');
      return { models: [{ name: 'qwen3:1.7b' }] };
    },
  };
  let now = new Date('2026-12-02T03:00:00Z');
  const runner = new CutoverRunner({
    readers: { cluster, ollama, now: () => now },
    plans: async () => plans,
    intervalMs: 15_000,
    minGapMs,
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  return {
    runner,
    calls,
    hold: () => {
      gate = new Promise(r => {
        release = r;
      });
    },
    release: () => release(),
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('CutoverRunner', () => {
  it('evaluates on its schedule only the plans whose cutover is in progress', async () => {
    const { runner, calls } = setup([IN_PROGRESS, NOT_STARTED]);
    await runner.tick();
    expect(calls.sort()).toEqual(['pvc karakeep/data', 'tags']);
    expect(runner.latest('immich')).toBeUndefined();
    const latest = runner.latest('karakeep')!;
    expect([...latest.results.values()].map(r => r.status)).toEqual([
      'pass',
      'pass',
    ]);
    expect(runner.nextCheckAt(IN_PROGRESS)).toEqual(
      new Date('2026-12-02T03:00:15Z'),
    );
    expect(runner.nextCheckAt(NOT_STARTED)).toBeUndefined();
  });

  it('makes no call at all while no cutover is in progress', async () => {
    const { runner, calls } = setup([NOT_STARTED]);
    await runner.tick();
    await runner.tick();
    expect(calls).toEqual([]);
  });

  it('gives concurrent requests one shared evaluation', async () => {
    const { runner, calls, hold, release } = setup([NOT_STARTED]);
    hold();
    const requests = Array.from({ length: 50 }, () =>
      runner.check(NOT_STARTED),
    );
    release();
    const answers = await Promise.all(requests);
    expect(calls).toEqual(['pvc immich/library']);
    expect(new Set(answers).size).toBe(1);
  });

  it('starts no new evaluation within the window of the minimum gap, and one in the next', async () => {
    const { runner, calls, advance } = setup([NOT_STARTED], 5_000);
    const first = await runner.check(NOT_STARTED);
    advance(4_000);
    expect(await runner.check(NOT_STARTED)).toBe(first);
    expect(calls).toHaveLength(1);
    advance(1_000);
    const second = await runner.check(NOT_STARTED);
    expect(second).not.toBe(first);
    expect(second.startedAt).toEqual(new Date('2026-12-02T03:00:05Z'));
    expect(calls).toHaveLength(2);
  });

  it('one viewer asking once per window causes as many evaluations as 50 asking every 100 ms', async () => {
    const one = setup([NOT_STARTED], 2_000);
    for (let w = 0; w < 10; w++) {
      one.advance(w % 2 ? 1_900 : 100); // early in one window, late in the next
      await one.runner.check(NOT_STARTED);
      one.advance(w % 2 ? 100 : 1_900);
    }
    const fifty = setup([NOT_STARTED], 2_000);
    for (let step = 0; step < 200; step++) {
      await Promise.all(
        Array.from({ length: 50 }, () => fifty.runner.check(NOT_STARTED)),
      );
      fifty.advance(100);
    }
    expect(one.calls).toHaveLength(10);
    expect(fifty.calls).toHaveLength(one.calls.length);
  });

  it('a scheduled tick and a request at the same moment share one evaluation', async () => {
    const { runner, calls, hold, release } = setup([IN_PROGRESS]);
    hold();
    const tick = runner.tick();
    const request = runner.check(IN_PROGRESS);
    release();
    await Promise.all([tick, request]);
    expect(calls.sort()).toEqual(['pvc karakeep/data', 'tags']);
  });

  it('says why when not one check could look, and nothing when some could', async () => {
    const down = async () => {
      throw new Error(
        'Kubernetes cluster homelab at 10.0.0.1:6443 is unreachable',
      );
    };
    const runner = (tags: () => Promise<{ models: { name: string }[] }>) =>
      new CutoverRunner({
        readers: {
          cluster: {
            getPersistentVolumeClaim: down,
          } as unknown as CutoverClusterReader,
          ollama: { tags },
        },
        plans: async () => [IN_PROGRESS],
        intervalMs: 15_000,
        minGapMs: 5_000,
        logger: mockServices.logger.mock(),
      });
    const unreachable = await runner(down).check(IN_PROGRESS);
    expect(unreachable.error).toBe(
      'none of the checks could look: could not check: Kubernetes cluster homelab at 10.0.0.1:6443 is unreachable',
    );
    const ollamaUp = await runner(async () => ({ models: [] })).check(
      IN_PROGRESS,
    );
    expect(ollamaUp.error).toBeUndefined();
  });

  it('keeps ticking when the plans cannot be read', async () => {
    const logger = mockServices.logger.mock();
    const runner = new CutoverRunner({
      readers: {
        cluster: {} as CutoverClusterReader,
        ollama: { tags: async () => ({ models: [] }) },
      },
      plans: async () => {
        throw new Error('catalog unavailable');
      },
      intervalMs: 15_000,
      minGapMs: 5_000,
      logger,
    });
    await expect(runner.tick()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Cutover checks: the phase plans could not be read: catalog unavailable',
    );
  });
});
