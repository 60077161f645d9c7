import type { HomeSummary } from '@internal/plugin-homelab-common';

const GiB = 2 ** 30;
const at = new Date().toISOString();

/** A summary as GET /api/homelab/home answers during the stand-in's failure scenario. */
export function homeSummary(overrides: Partial<HomeSummary> = {}): HomeSummary {
  return {
    migration: {
      stale: false,
      updatedAt: at,
      data: {
        cutovers: [
          {
            planId: 'docs~phases~phase-4.24-karakeep',
            title: 'Phase 4.24: Karakeep',
            entityRef: 'component:default/karakeep',
            disagreements: 2,
          },
        ],
        inProgress: [
          {
            planId: 'docs~phases~phase-4.24-karakeep',
            title: 'Phase 4.24: Karakeep',
            phaseId: '4.24',
            tasks: { done: 6, total: 10 },
            blockedBy: ['4.23'],
            entityRefs: ['component:default/karakeep'],
          },
        ],
        driftWarnings: 1,
      },
    },
    cluster: {
      stale: false,
      updatedAt: at,
      data: {
        nodes: [
          {
            name: 'node-1',
            ready: true,
            entityRef: 'resource:kubernetes-node/node-1',
            cpu: { requestedMillicores: 1500, allocatableMillicores: 4000 },
            memory: { requestedBytes: 6 * GiB, allocatableBytes: 16 * GiB },
          },
        ],
        problems: [
          {
            namespace: 'ai',
            name: 'ollama-0',
            phase: 'Running',
            reason: 'CrashLoopBackOff: OOMKilled',
            restarts: 7,
            entityRef: 'component:default/ollama',
          },
          {
            namespace: 'karakeep',
            name: 'meili-1',
            phase: 'Pending',
            reason: 'Pending: 0/3 nodes are available: 3 Insufficient memory.',
            restarts: 0,
          },
        ],
        podCount: 12,
      },
    },
    ollama: {
      stale: false,
      updatedAt: at,
      data: {
        up: true,
        loaded: [
          { name: 'qwen3:1.7b', ramBytes: 2 * GiB, percentOfMemoryLimit: 25 },
        ],
        memoryLimitBytes: 8 * GiB,
        pairFits: {
          text: 'qwen3:1.7b',
          vision: 'moondream',
          fits: false,
          detail:
            'qwen3:1.7b 2.0 GiB + moondream 7.0 GiB = 9.0 GiB of a 8.0 GiB memory limit',
        },
        entityRef: 'component:default/ollama',
      },
    },
    ...overrides,
  };
}
