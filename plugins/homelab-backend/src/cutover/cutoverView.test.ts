import { parseCutoverPlan } from '@internal/plugin-homelab-common';
import { cutoverDetail } from './cutoverView';
import type { PlanCutover } from './runnerTypes';

const plan: PlanCutover = {
  id: 'docs~phases~web',
  file: 'docs/phases/web.md',
  title: 'Phase 9: Web',
  entityRefs: ['component:default/web'],
  cutover: parseCutoverPlan(`## Cutover

- [x] Volume bound <!-- check: pvc namespace=web name=data -->
- [ ] New check <!-- check: service namespace=web name=web -->
`),
};
const facts = { namespaces: ['web'], ollamaConsumer: false };
const pod = (namespace: string, name: string) => ({
  metadata: { namespace, name },
  spec: { containers: [{ name: 'app' }] },
  status: { phase: 'Running' },
});
const readAt = new Date('2026-12-02T03:00:00Z');
const evaluation = {
  results: new Map([
    [
      plan.cutover.items[0].checks[0].key,
      {
        status: 'fail' as const,
        evidence: 'PVC data Pending',
        checkedAt: '2026-12-02T03:00:01.000Z',
      },
    ],
  ]),
  startedAt: readAt,
  finishedAt: new Date('2026-12-02T03:00:01Z'),
};

describe('cutoverDetail', () => {
  it("lists the namespace's pods only, and a check declared after the latest run as not checked yet", () => {
    const detail = cutoverDetail({
      plan,
      evaluation,
      facts,
      reading: {
        readAt,
        nodes: [],
        pods: [pod('web', 'web-1'), pod('other', 'secret-1')],
      },
      intervalSeconds: 15,
    });
    expect(detail.pods.map(p => `${p.namespace}/${p.name}`)).toEqual([
      'web/web-1',
    ]);
    expect(detail.items.map(i => [i.status, i.disagreement])).toEqual([
      ['fail', 'ticked-but-failing'],
      ['unknown', undefined],
    ]);
    expect(detail.items[1].results[0]).toMatchObject({
      status: 'unknown',
      evidence: 'not checked yet',
    });
    expect(detail.checks).toEqual({ pass: 0, fail: 1, unknown: 1 });
    expect(detail.error).toBeUndefined();
  });

  it('says when the pods are from an older reading because the latest failed', () => {
    const detail = cutoverDetail({
      plan,
      evaluation,
      facts,
      reading: { readAt, nodes: [], pods: [] },
      snapshotError: 'Kubernetes cluster homelab is unreachable',
      intervalSeconds: 15,
    });
    expect(detail.error).toBe(
      'the pods are as read at 2026-12-02T03:00:00.000Z; the latest reading failed: Kubernetes cluster homelab is unreachable',
    );
  });
});
