import type { GatewayProxyPods } from '../spec/gateway';
import type { ServiceSpec } from '../spec/serviceSpec';

/**
 * Envoy Gateway runs one proxy Deployment per Gateway in its controller's namespace,
 * labelled with the owning Gateway (not in the Gateway's own namespace).
 */
export function envoyGatewayProxies(gateway: {
  name: string;
  namespace: string;
}): GatewayProxyPods {
  return {
    namespace: 'envoy-gateway-system',
    podLabels: {
      'app.kubernetes.io/name': 'envoy',
      'app.kubernetes.io/component': 'proxy',
      'app.kubernetes.io/managed-by': 'envoy-gateway',
      'gateway.envoyproxy.io/owning-gateway-name': gateway.name,
      'gateway.envoyproxy.io/owning-gateway-namespace': gateway.namespace,
    },
  };
}

/** k3s's bundled Traefik (HelmChart in kube-system). */
export const TRAEFIK_PROXIES: GatewayProxyPods = {
  namespace: 'kube-system',
  podLabels: { 'app.kubernetes.io/name': 'traefik' },
};

export type ResolvedDataPlane =
  | { kind: 'pods'; pods: GatewayProxyPods; assumed?: string }
  /** Cilium's Envoy sends with the reserved `ingress` identity: only a CiliumNetworkPolicy selects it. */
  | { kind: 'cilium-ingress' };

export function resolveDataPlane(
  gateway: NonNullable<ServiceSpec['gateway']>,
): ResolvedDataPlane {
  const plane = gateway.dataPlane;
  if (plane === 'envoy-gateway')
    return { kind: 'pods', pods: envoyGatewayProxies(gateway) };
  if (plane === 'traefik') return { kind: 'pods', pods: TRAEFIK_PROXIES };
  if (plane === 'cilium') return { kind: 'cilium-ingress' };
  if (plane) return { kind: 'pods', pods: plane };
  return {
    kind: 'pods',
    pods: { namespace: gateway.namespace, podLabels: {} },
    assumed: `gateway.dataPlane is not set: ingress is allowed from every pod of namespace ${gateway.namespace}, where the Gateway object lives; set dataPlane (envoy-gateway, cilium, traefik or { namespace, podLabels }) if its proxies run elsewhere`,
  };
}
