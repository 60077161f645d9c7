/**
 * The parts of Kubernetes objects the portal reads. Deliberately minimal:
 * @kubernetes/client-node is ESM-only since 1.0 and does not load under the
 * repository's jest setup, and these few fields are stable API.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion?: string;
    kind: string;
    name: string;
    uid?: string;
    /** The managing controller: at most one owner has it. */
    controller?: boolean;
  }[];
}

export interface KubeList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items: T[];
}

export interface KubeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface KubeNode {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: { podCIDR?: string; providerID?: string; unschedulable?: boolean };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: KubeCondition[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: {
      architecture?: string;
      kubeletVersion?: string;
      osImage?: string;
      kernelVersion?: string;
      containerRuntimeVersion?: string;
      operatingSystem?: string;
    };
  };
}

export interface KubeNamespace {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  status?: { phase?: string };
}

export interface KubeContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image?: string;
  state?: Record<string, { reason?: string; message?: string; exitCode?: number; signal?: number; startedAt?: string } | undefined>;
  lastState?: Record<string, { reason?: string; exitCode?: number } | undefined>;
}

export interface KubeResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface KubePod {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    nodeName?: string;
    containers: { name: string; image?: string; resources?: KubeResourceRequirements }[];
  };
  status?: {
    phase?: string;
    podIP?: string;
    startTime?: string;
    conditions?: KubeCondition[];
    containerStatuses?: KubeContainerStatus[];
  };
}

export interface KubeDeployment {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: { containers: { name: string; image?: string; resources?: KubeResourceRequirements }[] };
    };
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    conditions?: KubeCondition[];
  };
}

/** A ReplicaSet or StatefulSet: the fields the portal reads are the Deployment's. */
export type KubeReplicaSet = KubeDeployment;
export type KubeStatefulSet = KubeDeployment;

/** metrics.k8s.io/v1beta1 PodMetrics; usage values are quantities such as `3500m`, `2300Mi`. */
export interface KubePodMetrics {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  timestamp: string;
  window: string;
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}
