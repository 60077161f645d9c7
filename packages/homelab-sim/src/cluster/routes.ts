import { ts } from './ids';
import type { KubeObject } from './types';

/**
 * The status a Gateway controller writes on an HTTPRoute it admitted: one
 * entry per parentRef with Accepted and ResolvedRefs (Gateway API v1).
 */
export function fillRouteStatus(route: KubeObject) {
  const at = ts(Date.now());
  const generation = route.metadata.generation ?? 1;
  route.status = {
    parents: (route.spec?.parentRefs ?? []).map((ref: any) => ({
      parentRef: {
        group: ref.group ?? 'gateway.networking.k8s.io',
        kind: ref.kind ?? 'Gateway',
        name: ref.name,
        namespace: ref.namespace ?? route.metadata.namespace,
        ...(ref.sectionName ? { sectionName: ref.sectionName } : {}),
      },
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      conditions: [
        {
          type: 'Accepted',
          status: 'True',
          reason: 'Accepted',
          message: 'Route is accepted',
          observedGeneration: generation,
          lastTransitionTime: at,
        },
        {
          type: 'ResolvedRefs',
          status: 'True',
          reason: 'ResolvedRefs',
          message: 'Resolved all the Object references for the Route',
          observedGeneration: generation,
          lastTransitionTime: at,
        },
      ],
    })),
  };
}
