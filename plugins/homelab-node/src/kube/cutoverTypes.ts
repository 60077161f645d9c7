import type { KubeCondition, ObjectMeta } from './types';

/** Objects the cutover checks read; only the fields they use. */
export interface KubePersistentVolumeClaim {
  metadata: ObjectMeta;
  spec?: {
    storageClassName?: string;
    volumeName?: string;
    resources?: { requests?: Record<string, string> };
  };
  status?: { phase?: string; capacity?: Record<string, string> };
}

/** gateway.networking.k8s.io/v1 HTTPRoute. */
export interface KubeHttpRoute {
  metadata: ObjectMeta & { generation?: number };
  spec?: {
    parentRefs?: {
      name: string;
      namespace?: string;
      kind?: string;
      sectionName?: string;
    }[];
  };
  status?: {
    parents?: {
      parentRef: {
        name: string;
        namespace?: string;
        kind?: string;
        sectionName?: string;
      };
      controllerName?: string;
      conditions?: (KubeCondition & { observedGeneration?: number })[];
    }[];
  };
}

export interface KubeService {
  metadata: ObjectMeta;
  spec?: {
    selector?: Record<string, string>;
    ports?: { name?: string; port: number }[];
  };
}

/** discovery.k8s.io/v1 EndpointSlice. */
export interface KubeEndpointSlice {
  metadata: ObjectMeta;
  endpoints?:
    | {
        addresses: string[];
        /** A nil `ready` means ready (discovery.k8s.io/v1). */
        conditions?: {
          ready?: boolean;
          serving?: boolean;
          terminating?: boolean;
        };
        targetRef?: { kind?: string; name?: string };
      }[]
    | null;
}

/**
 * The answer to a GET through the API server's service proxy. The body is
 * not kept; `apiStatus` is set when the API server answered itself (a
 * Status object: no endpoints, forbidden, not found) rather than the backend.
 */
export interface ServiceProxyAnswer {
  status: number;
  apiStatus?: { reason?: string; message: string };
}
