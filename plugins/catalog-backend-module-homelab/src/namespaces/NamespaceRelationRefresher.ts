import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { OutageLog } from '../provider/OutageLog';
import type { NamespaceDirectory } from './NamespaceDirectory';
import { namespaceRefreshKey } from './refreshKey';

/** How often each replica reads the declared namespaces again (a local task). */
export const NAMESPACE_RELATIONS_SCHEDULE = {
  frequency: { seconds: 5 },
  timeout: { seconds: 4 },
};

export const NAMESPACE_RELATIONS_TASK = 'homelab-namespace-relations:refresh';

/**
 * Keeps components' namespace relations up to date: when the entity standing for a
 * Kubernetes namespace changes (a declared one appears, is renamed or goes), the
 * components carrying that namespace's refresh key are processed again at once rather
 * than at the catalog's next pass. It provides no entities; the catalog gives providers
 * the connection that refreshes by key.
 */
export class NamespaceRelationRefresher implements EntityProvider {
  private connection?: EntityProviderConnection;
  private previous: string[] = [];
  private readonly outages: OutageLog;

  constructor(
    private readonly directory: NamespaceDirectory,
    private readonly logger: LoggerService,
  ) {
    this.outages = new OutageLog(logger);
  }

  getProviderName(): string {
    return 'homelab-namespace-relations';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** One read; the scheduled task calls it. Returns the namespaces whose entity changed. */
  async refresh(): Promise<string[]> {
    // Not connected yet: leave the read to the next run, which then sees the changes.
    const connection = this.connection;
    if (!connection) return [];
    let changed: string[];
    try {
      changed = await this.directory.reload();
      this.outages.recovered(
        'catalog',
        'Reading declared Kubernetes namespaces from the catalog works again',
      );
    } catch (error) {
      this.outages.failed(
        'catalog',
        `Could not read the declared Kubernetes namespaces from the catalog (${
          error instanceof Error ? error.message : String(error)
        }); components keep their namespace relations until it answers`,
      );
      return [];
    }
    // Also the last read's names: a component being processed while that read changed
    // stores its refresh key only when it is done, possibly after that refresh.
    const names = [...new Set([...changed, ...this.previous])];
    this.previous = changed;
    if (!names.length) return changed;
    this.logger.debug(
      `Refreshing the components of Kubernetes namespaces ${names.join(
        ', ',
      )}: the entity standing for them changed`,
    );
    await connection.refresh({ keys: names.map(namespaceRefreshKey) });
    return changed;
  }
}
