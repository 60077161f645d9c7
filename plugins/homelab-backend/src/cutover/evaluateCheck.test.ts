import path from 'node:path';
import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import {
  CutoverCheck,
  parseCutoverPlan,
} from '@internal/plugin-homelab-common';
import {
  ClusterClient,
  findRepositoryRoot,
  OllamaClient,
} from '@internal/plugin-homelab-node';
import { simConfig } from '../__testUtils__/simConfig';
import { evaluateCheck } from './evaluateCheck';
import type { CutoverReaders } from './types';

// A cutover section as a plan declares it; the stand-in serves the
// repository's karakeep manifests (HTTPRoute, PVCs, three Deployments).
const PLAN = `## Cutover

- [ ] Pods up <!-- check: pods namespace=karakeep selector=app.kubernetes.io/name=karakeep -->
- [ ] Rolled out <!-- check: deployment namespace=karakeep name=karakeep -->
- [ ] Data volume <!-- check: pvc namespace=karakeep name=karakeep-data -->
- [ ] Route <!-- check: httproute namespace=karakeep name=karakeep -->
- [ ] Endpoints <!-- check: service namespace=karakeep name=karakeep -->
- [ ] Model <!-- check: ollama-model model=qwen3:1.7b -->
- [ ] Health <!-- check: http namespace=karakeep service=karakeep port=http path=/api/health status=200 -->
`;
const CHECKS = parseCutoverPlan(PLAN).items.flatMap(i => i.checks);
const byKind = (kind: string) => CHECKS.find(c => c.kind === kind)!;
const AT = new Date('2026-12-01T23:30:00Z');

describe('cutover checks against the stand-in as the cutover scenario advances', () => {
  let sim: HomelabSim;
  let readers: CutoverReaders;
  beforeAll(async () => {
    const manifestsDir = path.join(
      findRepositoryRoot(process.cwd()),
      'manifests',
    );
    ({ sim } = await startTestSim({ scenario: 'cutover', manifestsDir }));
    const config = simConfig(sim);
    readers = {
      cluster: ClusterClient.fromConfig(config),
      ollama: OllamaClient.fromConfig(config),
      now: () => AT,
    };
  });
  afterAll(() => sim.close());

  const evaluate = (check: CutoverCheck) => evaluateCheck(check, readers);

  it('declares one check of each cluster and Ollama kind', () => {
    expect(CHECKS.map(c => c.kind)).toEqual([
      'pods',
      'deployment',
      'pvc',
      'httproute',
      'service',
      'ollama-model',
      'http',
    ]);
  });

  it.each([
    [
      'pods',
      /^0\/1 pods Running and Ready, pod karakeep-\S+ not ready \(web, workers\)$/,
    ],
    [
      'deployment',
      /^deployment karakeep: 0\/1 replicas available, pod karakeep-\S+ not ready/,
    ],
    ['pvc', /^PVC karakeep-data Pending \(longhorn\)$/],
    [
      'httproute',
      /^HTTPRoute karakeep: Accepted=False \(NotAllowedByListeners\) on gateway\/homelab-gateway, ResolvedRefs=False \(BackendNotFound\) on gateway\/homelab-gateway$/,
    ],
    [
      'service',
      /^Service karakeep: no ready endpoints \(1 not ready: karakeep-\S+\)$/,
    ],
    [
      'ollama-model',
      /^qwen3:1\.7b is not in Ollama's \/api\/tags \(present: moondream:latest, gemma3:1b\)$/,
    ],
    [
      'http',
      /^GET \/api\/health on service karakeep:http: no endpoints available for service "karakeep"$/,
    ],
  ])(
    '%s fails with evidence while the cutover has just been applied',
    async (kind, evidence) => {
      sim.setStep('applied');
      const result = await evaluate(byKind(kind));
      expect(result).toEqual({
        status: 'fail',
        evidence: expect.stringMatching(evidence),
        checkedAt: '2026-12-01T23:30:00.000Z',
      });
    },
  );

  it('passes each check once the scenario has reached its last step', async () => {
    sim.setStep('ready');
    const results = await Promise.all(CHECKS.map(evaluate));
    expect(results.map(r => [r.status, r.evidence])).toEqual([
      [
        'pass',
        '1/1 pods Running and Ready (app.kubernetes.io/name=karakeep in karakeep)',
      ],
      ['pass', 'deployment karakeep: 1/1 replicas available'],
      ['pass', 'PVC karakeep-data Bound (10Gi, longhorn)'],
      [
        'pass',
        'HTTPRoute karakeep: Accepted and ResolvedRefs on gateway/homelab-gateway',
      ],
      ['pass', 'Service karakeep: 1 ready endpoint'],
      ['pass', 'qwen3:1.7b is pulled in Ollama (1.4 GB)'],
      ['pass', 'GET /api/health on service karakeep:http answered 200'],
    ]);
  });

  it('turns each check from fail to pass step by step, never back', async () => {
    const seen = new Map<string, string[]>();
    for (let step = 0; step < 4; step++) {
      sim.setStep(step);
      for (const check of CHECKS) {
        const { status } = await evaluate(check);
        seen.set(check.kind, [...(seen.get(check.kind) ?? []), status]);
      }
    }
    expect(Object.fromEntries(seen)).toEqual({
      pods: ['fail', 'fail', 'fail', 'pass'],
      deployment: ['fail', 'fail', 'fail', 'pass'],
      pvc: ['fail', 'pass', 'pass', 'pass'],
      httproute: ['fail', 'fail', 'pass', 'pass'],
      service: ['fail', 'fail', 'fail', 'pass'],
      'ollama-model': ['fail', 'fail', 'fail', 'pass'],
      http: ['fail', 'fail', 'fail', 'pass'],
    });
  });

  it('fails a check whose object does not exist and names it', async () => {
    const [check] = parseCutoverPlan(
      '## Cutover\n- [ ] x <!-- check: statefulset namespace=karakeep name=nope -->\n',
    ).items[0].checks;
    expect(await evaluate(check)).toMatchObject({
      status: 'fail',
      evidence: 'statefulset nope not found in karakeep',
    });
  });

  it('passes the backend status through the proxy and fails an unexpected one', async () => {
    await sim.setScenario({
      name: 'bad-health',
      extends: 'fast',
      steps: [{ httpStatus: { 'karakeep/karakeep': 502 } }],
    });
    expect(await evaluate(byKind('http'))).toMatchObject({
      status: 'fail',
      evidence:
        'GET /api/health on service karakeep:http answered 502 (expected 200)',
    });
    await sim.setScenario('cutover');
  });
});

describe('cutover checks when the cluster or Ollama cannot be read', () => {
  it('names the crash loop and its last termination reason', async () => {
    const { sim } = await startTestSim({ scenario: 'failures' });
    try {
      const config = simConfig(sim);
      const readers = {
        cluster: ClusterClient.fromConfig(config),
        ollama: OllamaClient.fromConfig(config),
      };
      const [deploy, model] = parseCutoverPlan(
        '## Cutover\n- [ ] a <!-- check: deployment namespace=ai name=ollama -->\n- [ ] b <!-- check: ollama-model model=qwen3:1.7b -->\n',
      ).items.map(i => i.checks[0]);
      expect((await evaluateCheck(deploy, readers)).evidence).toMatch(
        /^deployment ollama: 0\/1 replicas available, pod ollama-\S+ CrashLoopBackOff: OOMKilled \(7 restarts\)$/,
      );
      const [sts, pull] = parseCutoverPlan(
        '## Cutover\n- [ ] a <!-- check: statefulset namespace=karakeep name=karakeep-meilisearch -->\n- [ ] b <!-- check: pods namespace=karakeep selector=app.kubernetes.io/name=karakeep -->\n',
      ).items.map(i => i.checks[0]);
      expect((await evaluateCheck(sts, readers)).evidence).toBe(
        'statefulset karakeep-meilisearch: 0/1 replicas available, pod karakeep-meilisearch-0 Pending: Unschedulable (0/3 nodes are available: 3 Insufficient memory.)',
      );
      expect((await evaluateCheck(pull, readers)).evidence).toMatch(
        /^0\/2 pods Running and Ready, pod karakeep-\S+ ImagePullBackOff, pod karakeep-\S+ ImagePullBackOff$/,
      );
      // Ollama is down in this scenario: the check cannot look, so it is unknown, not failed.
      expect(await evaluateCheck(model, readers)).toMatchObject({
        status: 'unknown',
        evidence: expect.stringMatching(
          /^could not check: Ollama is unreachable at .* \(connection refused\)$/,
        ),
      });
    } finally {
      await sim.close();
    }
  });
});
