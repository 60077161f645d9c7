import type { CutoverCheck } from '@internal/plugin-homelab-common';
import { checkHttpRoute } from './checkHttpRoute';
import { checkHttpService, checkHttpUrl } from './checkHttp';
import { checkOllamaModel } from './checkOllamaModel';
import { checkPods } from './checkPods';
import { checkPvc } from './checkPvc';
import { checkService } from './checkService';
import { checkWorkload } from './checkWorkload';
import { fromError, Verdict } from './result';
import type { CheckResult, CutoverReaders } from './types';

function missing(check: CutoverCheck): string {
  switch (check.kind) {
    case 'pods':
      return `no pods match ${check.selector} in ${check.namespace}`;
    case 'ollama-model':
      return `${check.model} is not in Ollama`;
    case 'http':
      return check.via === 'service'
        ? `Service ${check.service} not found in ${check.namespace}`
        : `${check.url} not found`;
    default: {
      const label = {
        deployment: 'deployment',
        statefulset: 'statefulset',
        pvc: 'PVC',
        httproute: 'HTTPRoute',
        service: 'Service',
      }[check.kind];
      return `${label} ${check.name} not found in ${check.namespace}`;
    }
  }
}

function run(check: CutoverCheck, readers: CutoverReaders): Promise<Verdict> {
  switch (check.kind) {
    case 'pods':
      return checkPods(check, readers.cluster);
    case 'deployment':
    case 'statefulset':
      return checkWorkload(check, readers.cluster);
    case 'pvc':
      return checkPvc(check, readers.cluster);
    case 'httproute':
      return checkHttpRoute(check, readers.cluster);
    case 'service':
      return checkService(check, readers.cluster);
    case 'ollama-model':
      return checkOllamaModel(check, readers.ollama);
    case 'http':
      return check.via === 'service'
        ? checkHttpService(check, readers.cluster)
        : checkHttpUrl(check, readers.probeUrl);
    default:
      return Promise.resolve({
        status: 'unknown',
        evidence: `unknown check kind ${(check as CutoverCheck).kind}`,
      });
  }
}

/**
 * Runs one declared check against the readers. Never throws: a missing
 * object fails the check, a read that could not be made leaves it unknown.
 */
export async function evaluateCheck(
  check: CutoverCheck,
  readers: CutoverReaders,
): Promise<CheckResult> {
  let verdict: Verdict;
  try {
    verdict = await run(check, readers);
  } catch (error) {
    verdict = fromError(error, missing(check));
  }
  return {
    ...verdict,
    checkedAt: (readers.now?.() ?? new Date()).toISOString(),
  };
}
