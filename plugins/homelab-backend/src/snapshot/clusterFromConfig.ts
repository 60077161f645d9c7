import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ClusterClient,
  readHomelabClusterConfig,
} from '@internal/plugin-homelab-node';

/**
 * The cluster client of the snapshot and the cutover checks, from
 * `homelab.cluster`; undefined when it is not set (both then say so). Its
 * requests keep to `homelab.clusterRequests` (timeout and byte cap).
 */
export function clusterFromConfig(
  config: Config,
  logger: LoggerService,
): ClusterClient | undefined {
  if (!config.has('homelab.cluster')) return undefined;
  return new ClusterClient(readHomelabClusterConfig(config), { logger });
}
