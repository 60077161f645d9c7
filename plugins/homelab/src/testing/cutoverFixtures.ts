import type {
  CutoverCheckResult,
  CutoverDetail,
  CutoverList,
  CutoverSummary,
} from '../api/types';

export const KARAKEEP_PLAN_ID = 'docs~phases~phase-4.24-karakeep';

function result(
  overrides: Partial<CutoverCheckResult> & Pick<CutoverCheckResult, 'key'>,
  now: number,
): CutoverCheckResult {
  return {
    kind: 'deployment',
    description: overrides.key,
    status: 'pass',
    evidence: '',
    checkedAt: new Date(now - 12_000).toISOString(),
    ...overrides,
  };
}

/**
 * Karakeep halfway through its cutover: the models are there, the rollout is
 * not, the HTTPRoute still refused though its item is ticked, and the pods
 * check passing though its item is open.
 */
export function karakeepCutover(
  overrides: Partial<CutoverDetail> = {},
  now = Date.now(),
): CutoverDetail {
  return {
    planId: KARAKEEP_PLAN_ID,
    title: 'Phase 4.24: Karakeep Migration',
    file: 'docs/phases/phase-4.24-karakeep.md',
    entityRefs: ['component:default/karakeep'],
    sectionTitle: '4.24.5 Cutover',
    inProgress: true,
    tasks: { done: 2, total: 4 },
    checks: { pass: 3, fail: 1, unknown: 1 },
    disagreements: 2,
    checkedAt: new Date(now - 12_000).toISOString(),
    intervalSeconds: 15,
    nextCheckAt: new Date(now + 3_000).toISOString(),
    ollamaConsumer: true,
    runbook: {
      entityRef: 'component:default/homelab-docs',
      path: 'runbooks/karakeep-cutover',
    },
    items: [
      {
        line: 74,
        text: '`qwen3:1.7b` and `moondream` are pulled in Ollama',
        checked: true,
        status: 'pass',
        results: [
          result(
            {
              key: 'ollama-model model=qwen3:1.7b',
              kind: 'ollama-model',
              description: 'model qwen3:1.7b in Ollama',
              evidence: 'qwen3:1.7b listed by /api/tags',
            },
            now,
          ),
          result(
            {
              key: 'ollama-model model=moondream',
              kind: 'ollama-model',
              description: 'model moondream in Ollama',
              evidence: 'moondream:latest listed by /api/tags',
            },
            now,
          ),
        ],
      },
      {
        line: 76,
        text: '`deploy/karakeep` is available',
        checked: false,
        status: 'unknown',
        results: [
          result(
            {
              key: 'deployment name=karakeep namespace=karakeep',
              description: 'deployment karakeep in karakeep',
              status: 'unknown',
              evidence: 'the cluster did not answer in 5 s',
            },
            now,
          ),
        ],
      },
      {
        line: 78,
        text: '`homelab-gateway` accepts the `karakeep` HTTPRoute',
        checked: true,
        status: 'fail',
        disagreement: 'ticked-but-failing',
        results: [
          result(
            {
              key: 'httproute name=karakeep namespace=karakeep',
              kind: 'httproute',
              description: 'httproute karakeep in karakeep',
              status: 'fail',
              evidence:
                'parent homelab-gateway: Accepted=False (NotAllowedByListeners)',
            },
            now,
          ),
        ],
      },
      {
        line: 80,
        text: 'Soak day 1: check tagging, search, and pod restarts',
        checked: false,
        status: 'pass',
        disagreement: 'open-but-passing',
        results: [
          result(
            {
              key: 'pods namespace=karakeep selector=app.kubernetes.io/part-of=karakeep',
              kind: 'pods',
              description:
                'pods app.kubernetes.io/part-of=karakeep in karakeep (at least 1)',
              evidence: '3/3 pods Running and Ready',
            },
            now,
          ),
        ],
      },
      {
        line: 81,
        text: 'Decommission the Proxmox container after the soak',
        checked: false,
        results: [],
      },
    ],
    pods: [
      {
        namespace: 'karakeep',
        name: 'karakeep-7c9d8b6f5-abcde',
        phase: 'Running',
        ready: '1/2',
        healthy: false,
        restarts: 3,
        reason: 'CrashLoopBackOff',
        lastTerminationReason: 'OOMKilled',
      },
      {
        namespace: 'karakeep',
        name: 'karakeep-chrome-5f6d7c8b9-fghij',
        phase: 'Running',
        ready: '1/1',
        healthy: true,
        restarts: 0,
      },
    ],
    ...overrides,
  };
}

export function summaryOfCutover(detail: CutoverDetail): CutoverSummary {
  const {
    items: _items,
    pods: _pods,
    runbook: _runbook,
    ollamaConsumer: _ollama,
    intervalSeconds: _interval,
    nextCheckAt: _next,
    error: _error,
    ...summary
  } = detail;
  return summary;
}

export function cutoverList(
  details: CutoverDetail[] = [karakeepCutover()],
): CutoverList {
  return { cutovers: details.map(summaryOfCutover) };
}

/** A TechDocs page as mkdocs-material builds it: navigation around one article. */
export const RUNBOOK_HTML = `<!doctype html>
<html><head><title>Karakeep cutover</title>
<link rel="stylesheet" href="../../assets/stylesheets/main.css">
<script src="../../assets/javascripts/bundle.js"></script>
</head><body>
<header class="md-header">Homelab docs</header>
<nav class="md-nav">Navigation <a href="../../">Home</a></nav>
<div class="md-content"><article class="md-content__inner md-typeset">
<h1 id="karakeep-cutover">Karakeep cutover<a class="headerlink" href="#karakeep-cutover">¶</a></h1>
<p>Until then, <a href="../karakeep-rollback/">rolling back</a> is only a matter of pointing clients at it again.</p>
<h2 id="1-check-ollama-is-ready">1. Check Ollama is ready</h2>
<p>Work through <a href="../ollama-operations/#switching-to-the-fallback-model">Ollama operations</a> first.</p>
<p>See <a href="#1-check-ollama-is-ready">step 1</a> and <a href="https://docs.karakeep.app/">the Karakeep docs</a>.</p>
<p><img src="../../assets/topology.png" alt="topology"> <img src="https://example.org/badge.svg" alt="badge"></p>
<p onclick="alert(1)">Bad <a href="javascript:alert(2)">link</a><script>alert(3)</script></p>
<style>body { display: none }</style>
<form action="/x"><input name="q"></form>
</article></div>
</body></html>`;
