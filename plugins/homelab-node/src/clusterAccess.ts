import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';

export const DEFAULT_SERVICE_ACCOUNT_DIR =
  '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Where the credentials for the cluster come from.
 * - `inCluster`: the pod's projected service-account token and CA in `serviceAccountDir`,
 *   the API server from KUBERNETES_SERVICE_HOST/PORT.
 * - `kubeconfig`: a kubeconfig file (its current context).
 * - `config`: the url, serviceAccountToken and caData of the cluster entry.
 */
export type ClusterAccess =
  | { type: 'inCluster'; serviceAccountDir: string; host: string; port: string }
  | { type: 'kubeconfig'; path: string }
  | { type: 'config' };

/** `homelab.serviceAccountDir`, default the folder Kubernetes mounts the token in. */
export function readServiceAccountDir(config: Config): string {
  return (
    config.getOptionalString('homelab.serviceAccountDir') ||
    DEFAULT_SERVICE_ACCOUNT_DIR
  );
}

/**
 * In order: an explicit `homelab.kubeconfig`; a token written in the cluster
 * entry (a deliberate choice, also inside a pod); the pod's service account
 * (KUBERNETES_SERVICE_HOST/PORT set and `<serviceAccountDir>/token` present);
 * the KUBECONFIG variable; else the entry's settings.
 */
export function readClusterAccess(
  config: Config,
  entryHasToken: boolean,
  env: NodeJS.ProcessEnv = process.env,
): ClusterAccess {
  const explicit = config.getOptionalString('homelab.kubeconfig');
  if (explicit) return { type: 'kubeconfig', path: path.resolve(explicit) };
  if (entryHasToken) return { type: 'config' };
  const serviceAccountDir = readServiceAccountDir(config);
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (host && port && fs.existsSync(path.join(serviceAccountDir, 'token'))) {
    return { type: 'inCluster', serviceAccountDir, host, port };
  }
  const fromEnv = env.KUBECONFIG?.split(path.delimiter).find(Boolean);
  if (fromEnv) return { type: 'kubeconfig', path: path.resolve(fromEnv) };
  return { type: 'config' };
}
