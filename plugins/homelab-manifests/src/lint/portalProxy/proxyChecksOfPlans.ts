import { parseCutoverPlan } from '@internal/plugin-homelab-common';
import type { ProxyCheck } from './types';

/** The `http` checks through the service proxy that the plans' cutover sections declare. */
export function proxyChecksOfPlans(
  plans: Array<{ path: string; content: string }>,
): ProxyCheck[] {
  return plans.flatMap(plan =>
    parseCutoverPlan(plan.content).items.flatMap(item =>
      item.checks.flatMap(check =>
        check.kind === 'http' && check.via === 'service'
          ? [
              {
                namespace: check.namespace,
                service: check.service,
                port: check.port,
                file: plan.path,
                line: check.line,
              },
            ]
          : [],
      ),
    ),
  );
}
