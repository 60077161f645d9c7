import type { Config } from '@backstage/config';
import { readClusterAccess } from '../clusterAccess';
import { buildKubeConfig } from './kubeConfig';

/** Where a pod reaches its own API server. */
export interface PodApiServer {
  /** From KUBERNETES_SERVICE_HOST/PORT, as @kubernetes/client-node builds it (IPv6 in brackets). */
  url: string;
  /** `<homelab.serviceAccountDir>/ca.crt`. */
  caFile: string;
  serviceAccountDir: string;
}

/**
 * The API server and CA the homelab clients use when the backend runs in a pod
 * (KUBERNETES_SERVICE_HOST/PORT set and a token in `homelab.serviceAccountDir`),
 * so that other clients of the same cluster (the Kubernetes plugin) reach it the
 * same way; undefined outside a pod, or when `entryHasToken` or
 * `homelab.kubeconfig` choose other credentials.
 */
export function readPodApiServer(
  config: Config,
  entryHasToken: boolean,
): PodApiServer | undefined {
  // process.env, as client-node's loadFromCluster reads it.
  const access = readClusterAccess(config, entryHasToken);
  if (access.type !== 'inCluster') return undefined;
  const cluster = buildKubeConfig({
    name: 'pod',
    url: '',
    skipTLSVerify: false,
    access,
  }).getCurrentCluster();
  if (!cluster?.caFile) return undefined;
  return {
    url: cluster.server,
    caFile: cluster.caFile,
    serviceAccountDir: access.serviceAccountDir,
  };
}
