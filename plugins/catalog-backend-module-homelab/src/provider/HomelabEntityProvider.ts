import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ClusterClient, OllamaClient } from '@internal/plugin-homelab-node';
import { readDiscoverySettings } from '../config';
import { DeclaredEntities, isDeclared, readDeclaredEntities } from './declared';
import {
  clusterEntity,
  DiscoveryContext,
  modelEntity,
  namespaceEntity,
  nodeEntity,
} from './entities';
import { OutageLog } from './OutageLog';

export interface HomelabEntityProviderOptions {
  cluster: ClusterClient;
  ollama: OllamaClient;
  /** The Resources declared elsewhere; discovered entities with the same ref or Ollama tag are left out. */
  readDeclared: () => Promise<DeclaredEntities>;
  logger: LoggerService;
  owner: string;
  system: string;
  modelServer: string;
}

interface Source {
  what: string;
  read(): Promise<Entity[]>;
}

/**
 * Discovers the cluster's nodes and namespaces and Ollama's models and keeps
 * them in the catalog with full mutations. A source that does not answer
 * keeps what it last provided; until every source has answered once (after a
 * restart) nothing is applied, so an outage never empties the catalog.
 */
export class HomelabEntityProvider implements EntityProvider {
  static fromConfig(
    config: Config,
    deps: { logger: LoggerService; catalog: CatalogService; auth: AuthService },
  ): HomelabEntityProvider {
    const settings = readDiscoverySettings(config);
    return new HomelabEntityProvider({
      cluster: ClusterClient.fromConfig(config, { logger: deps.logger }),
      ollama: OllamaClient.fromConfig(config),
      readDeclared: () => readDeclaredEntities(deps.catalog, deps.auth),
      logger: deps.logger,
      owner: settings.owner,
      system: settings.system,
      modelServer: settings.modelServer,
    });
  }

  private connection?: EntityProviderConnection;
  private readonly sources: Source[];
  private readonly lastSeen = new Map<Source, Entity[]>();
  private readonly outages: OutageLog;

  constructor(private readonly options: HomelabEntityProviderOptions) {
    this.outages = new OutageLog(options.logger);
    const ctx: DiscoveryContext = {
      clusterName: options.cluster.cluster.name,
      ollamaBaseUrl: options.ollama.settings.baseUrl,
      owner: options.owner,
      system: options.system,
      modelServer: options.modelServer,
    };
    this.sources = [
      {
        what: `Kubernetes cluster ${ctx.clusterName}`,
        read: async () => {
          const [nodes, namespaces] = await Promise.all([
            options.cluster.listNodes(),
            options.cluster.listNamespaces(),
          ]);
          return [
            clusterEntity(ctx),
            ...nodes.map(node => nodeEntity(node, ctx)),
            ...namespaces.map(namespace => namespaceEntity(namespace, ctx)),
          ];
        },
      },
      {
        what: `Ollama at ${ctx.ollamaBaseUrl}`,
        read: async () =>
          (await options.ollama.tags()).models.map(m => modelEntity(m, ctx)),
      },
    ];
  }

  getProviderName(): string {
    return 'homelab-discovery';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** One discovery pass; the scheduled task calls it. */
  async refresh(): Promise<void> {
    if (!this.connection)
      throw new Error('HomelabEntityProvider is not connected to the catalog');
    await Promise.all(this.sources.map(source => this.readSource(source)));
    const missing = this.sources.filter(source => !this.lastSeen.has(source));
    if (missing.length) {
      this.options.logger.debug(
        `Not updating discovered entities: no answer yet from ${missing
          .map(s => s.what)
          .join(', ')}`,
      );
      return;
    }
    let declared: DeclaredEntities;
    try {
      declared = await this.options.readDeclared();
      this.outages.recovered(
        'catalog',
        'Reading declared entities from the catalog works again',
      );
    } catch (error) {
      this.outages.failed(
        'catalog',
        `Could not read the declared entities from the catalog (${errorMessage(
          error,
        )}); discovered entities stay as they are until it answers, so that none duplicates a declared one`,
      );
      return;
    }
    const entities = this.sources
      .flatMap(source => this.lastSeen.get(source)!)
      .filter(entity => !isDeclared(entity, declared));
    await this.connection.applyMutation({
      type: 'full',
      // No locationKey: an entity declared in a location (which has a key)
      // may then take over the ref even if discovery claimed it first.
      entities: uniqueByRef(entities).map(entity => ({ entity })),
    });
  }

  private async readSource(source: Source): Promise<void> {
    try {
      this.lastSeen.set(source, await source.read());
      this.outages.recovered(
        source.what,
        `${source.what} answers again; discovery resumed`,
      );
    } catch (error) {
      const kept = this.lastSeen.get(source);
      this.outages.failed(
        source.what,
        kept
          ? `${errorMessage(error)}; the catalog keeps the ${
              kept.length
            } entities discovered there until it answers again`
          : `${errorMessage(
              error,
            )}; discovered entities are not updated until it answers`,
      );
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Two names can map to one entity name (e.g. after truncation); keep the first. */
function uniqueByRef(entities: Entity[]): Entity[] {
  const seen = new Set<string>();
  return entities.filter(entity => {
    const ref = stringifyEntityRef(entity).toLowerCase();
    if (seen.has(ref)) return false;
    seen.add(ref);
    return true;
  });
}
