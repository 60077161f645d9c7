import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import type { PodApiServer } from '@internal/plugin-homelab-node';

// @backstage/plugin-kubernetes-common's ANNOTATION_KUBERNETES_AUTH_PROVIDER, where the
// config locator puts a cluster entry's authProvider.
const AUTH_PROVIDER = 'kubernetes.io/auth-provider';

/**
 * The config locator's clusters, with the pod's own API server and CA on the entries
 * that authenticate as the pod's service account (`authProvider:
 * homelabServiceAccount`, no token written): the URL from KUBERNETES_SERVICE_HOST/PORT
 * and `<homelab.serviceAccountDir>/ca.crt`, as the homelab clients use them, so the
 * entry's url only applies outside a pod. Other entries pass through unchanged.
 */
export class PodClusterSupplier implements KubernetesClustersSupplier {
  constructor(
    private readonly inner: KubernetesClustersSupplier,
    private readonly pod: PodApiServer | undefined,
  ) {}

  static announce(pod: PodApiServer | undefined, logger: LoggerService) {
    if (pod) {
      logger.info(
        `homelabServiceAccount clusters use the pod's API server ${pod.url} with the CA ${pod.caFile} (homelab.serviceAccountDir)`,
      );
    }
  }

  async getClusters(
    options: Parameters<KubernetesClustersSupplier['getClusters']>[0],
  ): Promise<ClusterDetails[]> {
    const clusters = await this.inner.getClusters(options);
    const pod = this.pod;
    if (!pod) return clusters;
    return clusters.map(cluster =>
      cluster.authMetadata[AUTH_PROVIDER] === 'homelabServiceAccount' &&
      !cluster.authMetadata.serviceAccountToken
        ? { ...cluster, url: pod.url, caFile: pod.caFile, caData: undefined }
        : cluster,
    );
  }
}
