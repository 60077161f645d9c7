import type { KubeObject } from './types';

/**
 * The EndpointSlice (discovery.k8s.io/v1) the EndpointSlice controller
 * keeps for a Service with a selector, from the Endpoints built for it:
 * one endpoint per selected pod with its ready/serving/terminating
 * conditions, labelled kubernetes.io/service-name.
 */
export function endpointSliceFor(svc: KubeObject, ep: KubeObject): KubeObject {
  const subset = ep.subsets?.[0];
  const endpoint = (a: any, ready: boolean) => ({
    addresses: [a.ip],
    conditions: { ready, serving: ready, terminating: false },
    nodeName: a.nodeName,
    targetRef: a.targetRef,
  });
  const name = `${svc.metadata.name}-${(svc.metadata.uid ?? 'xxxxx').slice(
    0,
    5,
  )}`;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: svc.metadata.namespace,
      creationTimestamp: svc.metadata.creationTimestamp,
      generateName: `${svc.metadata.name}-`,
      labels: {
        ...svc.metadata.labels,
        'kubernetes.io/service-name': svc.metadata.name,
        'endpointslice.kubernetes.io/managed-by':
          'endpointslice-controller.k8s.io',
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: svc.metadata.name,
          uid: svc.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    endpoints: [
      ...(subset?.addresses ?? []).map((a: any) => endpoint(a, true)),
      ...(subset?.notReadyAddresses ?? []).map((a: any) => endpoint(a, false)),
    ],
    ports: (
      subset?.ports ??
      (svc.spec?.ports ?? []).map((p: any) => ({
        name: p.name,
        port: p.port,
        protocol: p.protocol,
      }))
    ).map((p: any) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol ?? 'TCP',
    })),
  };
}
