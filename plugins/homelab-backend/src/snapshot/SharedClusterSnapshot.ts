import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type {
  ClusterReading,
  ClusterSnapshot,
  SnapshotClusterReader,
} from './types';

export interface SharedClusterSnapshotOptions {
  /** Absent when `homelab.cluster` is not set: every reading fails with `unconfigured`. */
  cluster?: SnapshotClusterReader;
  intervalMs: number;
  logger: LoggerService;
  now?: () => Date;
}

const UNCONFIGURED =
  'homelab.cluster is not set, so the portal does not read the cluster; set it to the name of a cluster under kubernetes.clusterLocatorMethods[].clusters[]';

/**
 * The latest reading of the nodes and the pods of every namespace, kept in
 * memory. `refresh` is what the scheduled task runs; two refreshes at once
 * share one reading. A failed reading keeps the previous one and records why.
 */
export class SharedClusterSnapshot implements ClusterSnapshot {
  readonly intervalSeconds: number;
  private reading?: ClusterReading;
  private error?: string;
  private running?: Promise<void>;

  constructor(private readonly options: SharedClusterSnapshotOptions) {
    this.intervalSeconds = options.intervalMs / 1000;
    if (!options.cluster) this.error = UNCONFIGURED;
  }

  latest(): ClusterReading | undefined {
    return this.reading;
  }

  lastError(): string | undefined {
    return this.error;
  }

  refresh(): Promise<void> {
    this.running ??= this.read().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async read(): Promise<void> {
    const { cluster, logger } = this.options;
    if (!cluster) return;
    try {
      const [nodes, pods] = await Promise.all([
        cluster.listNodes(),
        cluster.listAllPods(),
      ]);
      this.reading = {
        readAt: this.options.now?.() ?? new Date(),
        nodes,
        pods,
      };
      if (this.error)
        logger.info('Cluster snapshot: the cluster answers again');
      this.error = undefined;
    } catch (error) {
      const message = isError(error) ? error.message : String(error);
      if (message !== this.error)
        logger.warn(
          `Cluster snapshot: reading nodes and pods failed, the previous reading stays: ${message}`,
        );
      this.error = message;
    }
  }
}
