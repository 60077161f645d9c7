import type { KubeNode, KubePod } from '@internal/plugin-homelab-node';

/** One reading of the cluster, shared by the cutover view and the home page. */
export interface ClusterReading {
  readAt: Date;
  nodes: KubeNode[];
  /** Pods of every namespace, from one cluster-wide list. */
  pods: KubePod[];
}

/**
 * The cluster read once per interval by a scheduled task and kept in memory:
 * viewers read the latest reading and never cause calls to the cluster.
 */
export interface ClusterSnapshot {
  /** The latest reading, or undefined before the first one finished. */
  latest(): ClusterReading | undefined;
  /** Why the latest attempt failed, while it did (the previous reading stays). */
  lastError(): string | undefined;
  /** Seconds between readings. */
  intervalSeconds: number;
}

/** The two cluster-wide lists a reading makes; ClusterClient satisfies it. */
export interface SnapshotClusterReader {
  listNodes(): Promise<KubeNode[]>;
  listAllPods(): Promise<KubePod[]>;
}
