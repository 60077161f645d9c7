import path from 'node:path';
import type { ClusterAccess } from '../clusterAccess';

/** The sentence for a 401: whose credential was refused and where to fix it. */
export function refusedCredentialMessage(opts: {
  /** "Kubernetes cluster homelab at https://…" */
  what: string;
  /** The cluster entry's config path, for the fix. */
  where: string;
  access?: ClusterAccess;
  sentCredential: boolean;
}): string {
  const { what, where, access } = opts;
  if (access?.type === 'inCluster') {
    return `${what}: the service account token was refused (401 Unauthorized); the portal sends ${path.join(
      access.serviceAccountDir,
      'token',
    )} (re-read within a minute of a change): check the pod's serviceAccountName and that its token is projected for this API server (homelab.serviceAccountDir)`;
  }
  if (access?.type === 'kubeconfig') {
    return `${what}: the credentials of the current context of ${access.path} were refused (401 Unauthorized); log in again or fix the user in that kubeconfig`;
  }
  if (!opts.sentCredential) {
    return `${what} requires a token (401 Unauthorized); set ${where}.serviceAccountToken, or run the portal in a pod with a service account`;
  }
  return `${what}: the service account token was refused (401 Unauthorized); check ${where}.serviceAccountToken`;
}
