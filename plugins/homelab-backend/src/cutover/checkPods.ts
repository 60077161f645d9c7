import type { PodsCheck } from '@internal/plugin-homelab-common';
import { isPodReady, podProblem } from './describePod';
import { fail, pass, Verdict } from './result';
import type { CutoverClusterReader } from './types';

/** Every pod of the selector Running and Ready, and at least `min` of them. */
export async function checkPods(
  check: PodsCheck,
  cluster: CutoverClusterReader,
): Promise<Verdict> {
  const pods = await cluster.listPods(check.namespace, check.selector);
  const where = `${check.selector} in ${check.namespace}`;
  if (!pods.length) return fail(`no pods match ${where}`);
  const notReady = pods.filter(p => !isPodReady(p));
  const summary = `${pods.length - notReady.length}/${
    pods.length
  } pods Running and Ready`;
  if (notReady.length)
    return fail(
      `${summary}, ${notReady.slice(0, 3).map(podProblem).join(', ')}${
        notReady.length > 3 ? ', ...' : ''
      }`,
    );
  if (pods.length < check.min)
    return fail(`${summary}, fewer than the ${check.min} expected (${where})`);
  return pass(`${summary} (${where})`);
}
