import type { NamedObjectCheck } from '@internal/plugin-homelab-common';
import { fail, pass, Verdict } from './result';
import type { CutoverClusterReader } from './types';

const NEEDED = ['Accepted', 'ResolvedRefs'];

/**
 * Every parent (Gateway) has Accepted and ResolvedRefs True for the route's
 * current generation (Gateway API v1 route status).
 */
export async function checkHttpRoute(
  check: NamedObjectCheck,
  cluster: CutoverClusterReader,
): Promise<Verdict> {
  const route = await cluster.getHttpRoute(check.namespace, check.name);
  const label = `HTTPRoute ${check.name}`;
  const parents = route.status?.parents ?? [];
  if (!parents.length)
    return fail(
      `${label}: no Gateway has reported on it yet (status.parents is empty)`,
    );
  const problems: string[] = [];
  for (const parent of parents) {
    const ref = parent.parentRef;
    const gateway = `${ref.namespace ?? check.namespace}/${ref.name}${
      ref.sectionName ? `/${ref.sectionName}` : ''
    }`;
    for (const type of NEEDED) {
      const c = parent.conditions?.find(x => x.type === type);
      if (!c) problems.push(`${type} not reported by ${gateway}`);
      else if (
        c.observedGeneration !== undefined &&
        route.metadata.generation !== undefined &&
        c.observedGeneration < route.metadata.generation
      )
        problems.push(
          `${type} not yet observed for generation ${route.metadata.generation} on ${gateway}`,
        );
      else if (c.status !== 'True')
        problems.push(
          `${type}=${c.status}${
            c.reason ? ` (${c.reason})` : ''
          } on ${gateway}`,
        );
    }
  }
  if (problems.length) return fail(`${label}: ${problems.join(', ')}`);
  return pass(
    `${label}: Accepted and ResolvedRefs on ${parents
      .map(
        p => `${p.parentRef.namespace ?? check.namespace}/${p.parentRef.name}`,
      )
      .join(', ')}`,
  );
}
