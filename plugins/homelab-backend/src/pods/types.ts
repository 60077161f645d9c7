import type {
  KubeContainerStatus,
  KubePod,
} from '@internal/plugin-homelab-node';

type Quantities = Record<string, string>;

/**
 * The pod fields `kubectl describe node` reads to sum requests. KubePod
 * carries the common ones; init containers with their restart policy
 * (sidecars), the overhead and a resize's allocated resources are read from
 * the same JSON when the API server sends them.
 */
export type RequestPod = Omit<KubePod, 'spec' | 'status'> & {
  spec?: NonNullable<KubePod['spec']> & {
    initContainers?: {
      name: string;
      restartPolicy?: string;
      resources?: { requests?: Quantities };
    }[];
    overhead?: Quantities;
  };
  status?: Omit<NonNullable<KubePod['status']>, 'containerStatuses'> & {
    resize?: string;
    containerStatuses?: (KubeContainerStatus & {
      allocatedResources?: Quantities;
    })[];
    initContainerStatuses?: KubeContainerStatus[];
    reason?: string;
  };
};
