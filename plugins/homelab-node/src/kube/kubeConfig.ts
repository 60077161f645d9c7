import fs from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '@backstage/errors';
import type { HomelabClusterConfig } from '../config';

/**
 * The client-node KubeConfig for the homelab cluster. In a pod it is
 * `loadFromCluster()` with the token folder moved to `serviceAccountDir`: the
 * user keeps client-node's `tokenFile` provider, which re-reads the projected
 * token (at most once a minute), and the CA is read from `ca.crt` per call.
 */
export function buildKubeConfig(cluster: HomelabClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  const access = cluster.access ?? { type: 'config' };
  if (access.type === 'inCluster') {
    kc.loadFromCluster();
    const dir = access.serviceAccountDir;
    const namespaceFile = path.join(dir, 'namespace');
    kc.loadFromOptions({
      clusters: kc
        .getClusters()
        .map(c => ({ ...c, caFile: path.join(dir, 'ca.crt') })),
      users: kc.getUsers().map(u => ({
        ...u,
        authProvider: {
          name: 'tokenFile',
          config: { tokenFile: path.join(dir, 'token') },
        },
      })),
      contexts: kc.getContexts().map(c => ({
        ...c,
        namespace: fs.existsSync(namespaceFile)
          ? fs.readFileSync(namespaceFile, 'utf8').trim()
          : undefined,
      })),
      currentContext: kc.getCurrentContext(),
    });
    return kc;
  }
  if (access.type === 'kubeconfig') {
    try {
      kc.loadFromFile(access.path);
    } catch (error) {
      throw new InputError(
        `the kubeconfig ${
          access.path
        } (homelab.kubeconfig or KUBECONFIG) could not be read: ${
          (error as Error).message
        }; point it at a readable kubeconfig file or unset it`,
      );
    }
    if (!kc.getCurrentCluster()) {
      throw new InputError(
        `the kubeconfig ${access.path} has no current context with a cluster; run "kubectl config use-context <name>" against it`,
      );
    }
    return kc;
  }
  kc.loadFromClusterAndUser(
    {
      name: cluster.name,
      server: cluster.url,
      skipTLSVerify: cluster.skipTLSVerify,
      ...(cluster.caPem
        ? { caData: Buffer.from(cluster.caPem).toString('base64') }
        : {}),
    },
    {
      name: `${cluster.name}-portal`,
      ...(cluster.serviceAccountToken
        ? { token: cluster.serviceAccountToken }
        : {}),
    },
  );
  return kc;
}
