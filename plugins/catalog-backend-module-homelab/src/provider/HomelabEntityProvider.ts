import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
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
import { preferDeclared } from './preferDeclared';

export interface HomelabEntityProviderOptions {
  /** Left out when homelab.cluster is not configured: no cluster, nodes or namespaces. */
  cluster?: ClusterClient;
  /** Left out when homelab.ollama.baseUrl is not configured: no models. */
  ollama?: OllamaClient;
  /**
   * The Resources declared elsewhere; discovered entities with the same ref, the same type
   * and Kubernetes name, or the same Ollama tag are left out.
   */
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
  /**
   * The provider for what the config lets it discover, or undefined (with one warning) when
   * neither homelab.cluster nor homelab.ollama.baseUrl is set; a missing one turns off only
   * its part, so the catalog still starts with the declared entities.
   */
  static fromConfig(
    config: Config,
    deps: {
      logger: LoggerService;
      catalog: CatalogService;
      auth: AuthService;
    },
  ): HomelabEntityProvider | undefined {
    const settings = readDiscoverySettings(config);
    const hasCluster =
      config.getOptionalString('homelab.cluster') !== undefined;
    const hasOllama =
      config.getOptionalString('homelab.ollama.baseUrl') !== undefined;
    const warning = discoveryOffWarning(hasCluster, hasOllama);
    if (warning) deps.logger.warn(warning);
    if (!hasCluster && !hasOllama) return undefined;
    return new HomelabEntityProvider({
      cluster: hasCluster
        ? ClusterClient.fromConfig(config, { logger: deps.logger })
        : undefined,
      ollama: hasOllama ? OllamaClient.fromConfig(config) : undefined,
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
  /** What this replica's last pass applied. */
  private applied: Entity[] = [];

  constructor(private readonly options: HomelabEntityProviderOptions) {
    this.outages = new OutageLog(options.logger);
    const { cluster, ollama } = options;
    const ctx: DiscoveryContext = {
      clusterName: cluster?.cluster.name ?? '',
      ollamaBaseUrl: ollama?.settings.baseUrl ?? '',
      owner: options.owner,
      system: options.system,
      modelServer: options.modelServer,
    };
    this.sources = [];
    if (cluster) {
      this.sources.push({
        what: `Kubernetes cluster ${ctx.clusterName}`,
        read: async () => {
          const [nodes, namespaces] = await Promise.all([
            cluster.listNodes(),
            cluster.listNamespaces(),
          ]);
          return [
            clusterEntity(ctx),
            ...nodes.map(node => nodeEntity(node, ctx)),
            ...namespaces.map(namespace => namespaceEntity(namespace, ctx)),
          ];
        },
      });
    }
    if (ollama) {
      this.sources.push({
        what: `Ollama at ${ctx.ollamaBaseUrl}`,
        read: async () =>
          (await ollama.tags()).models.map(m => modelEntity(m, ctx)),
      });
    }
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
    const entities = preferDeclared(
      this.sources.flatMap(source => this.lastSeen.get(source)!),
      declared,
      this.options.cluster?.cluster.name,
    );
    await this.connection.applyMutation({
      type: 'full',
      // No locationKey: an entity declared in a location (which has a key)
      // may then take over the ref even if discovery claimed it first.
      entities: entities.map(entity => ({ entity })),
    });
    this.applied = entities;
  }

  /**
   * Removes the discovered entities a declared one has replaced since this replica's last
   * pass, without reading the cluster or Ollama. Right after a start discovery can run
   * before the catalog has processed the locations, and the twin (a karakeep namespace
   * declared and discovered) would otherwise stay until the next pass. A removal only:
   * safe even when another replica ran a later pass.
   */
  async dropReplacedByDeclared(): Promise<void> {
    if (!this.connection || !this.applied.length) return;
    let declared: DeclaredEntities;
    try {
      declared = await this.options.readDeclared();
    } catch {
      return; // the next pass reports the outage
    }
    const replaced = this.applied.filter(e => isDeclared(e, declared));
    if (!replaced.length) return;
    await this.connection.applyMutation({
      type: 'delta',
      added: [],
      removed: replaced.map(entity => ({ entity })),
    });
    this.applied = this.applied.filter(e => !replaced.includes(e));
    this.options.logger.info(
      `Removed ${replaced.length} discovered entities that declared ones now stand for`,
    );
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

function discoveryOffWarning(
  hasCluster: boolean,
  hasOllama: boolean,
): string | undefined {
  if (!hasCluster && !hasOllama) {
    return 'Discovery is off: homelab.cluster and homelab.ollama.baseUrl are not set, so the catalog shows only declared entities; set them to discover the cluster, its nodes and namespaces, and the Ollama models';
  }
  if (!hasCluster) {
    return 'Discovery of the cluster, its nodes and namespaces is off: homelab.cluster is not set; set it to discover them';
  }
  if (!hasOllama) {
    return 'Discovery of Ollama models is off: homelab.ollama.baseUrl is not set; set it to discover them';
  }
  return undefined;
}
