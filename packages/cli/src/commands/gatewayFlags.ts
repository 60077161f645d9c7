import { GATEWAY_DATA_PLANES } from '@internal/homelab-manifests';

export interface GatewayFlags {
  gatewayDataPlane?: string;
  gatewayProxyNamespace?: string;
  gatewayProxyLabel?: string[];
}

/**
 * The spec's gateway.dataPlane from --gateway-data-plane, or from
 * --gateway-proxy-namespace with --gateway-proxy-label key=value; a problem names the flag.
 */
export function dataPlaneFromFlags(flags: GatewayFlags): {
  dataPlane?: unknown;
  problem?: string;
} {
  const custom =
    flags.gatewayProxyNamespace !== undefined ||
    (flags.gatewayProxyLabel?.length ?? 0) > 0;
  if (flags.gatewayDataPlane !== undefined && custom)
    return {
      problem:
        '--gateway-data-plane and --gateway-proxy-namespace/--gateway-proxy-label exclude each other; give one of them',
    };
  if (flags.gatewayDataPlane !== undefined) {
    if (
      !(GATEWAY_DATA_PLANES as readonly string[]).includes(
        flags.gatewayDataPlane,
      )
    )
      return {
        problem: `--gateway-data-plane: "${
          flags.gatewayDataPlane
        }" is not one of ${GATEWAY_DATA_PLANES.join(', ')}`,
      };
    return { dataPlane: flags.gatewayDataPlane };
  }
  if (!custom) return {};
  if (flags.gatewayProxyNamespace === undefined)
    return {
      problem:
        '--gateway-proxy-label needs --gateway-proxy-namespace: the namespace the proxy pods run in',
    };
  const podLabels: Record<string, string> = {};
  for (const label of flags.gatewayProxyLabel ?? []) {
    const eq = label.indexOf('=');
    if (eq <= 0)
      return {
        problem: `--gateway-proxy-label: "${label}" is not key=value, e.g. app.kubernetes.io/name=envoy`,
      };
    podLabels[label.slice(0, eq)] = label.slice(eq + 1);
  }
  return { dataPlane: { namespace: flags.gatewayProxyNamespace, podLabels } };
}
