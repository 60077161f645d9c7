import type {
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { isDiscovered, kubernetesNameOf } from '../provider/declared';
import { discoveredRef } from '../provider/names';

export interface NamespaceDirectoryOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /**
   * Whether discovery adds the cluster's namespaces (homelab.cluster is set): then a
   * namespace nobody declares is the discovered entity, whose ref is known before
   * discovery has run.
   */
  discoversNamespaces: boolean;
}

/**
 * Which entity stands for each Kubernetes namespace: a declared kubernetes-namespace
 * Resource of that Kubernetes name (its homelab.dev/kubernetes-name annotation, else its
 * name), else the one discovery names. Declared ones are read from the catalog, so every
 * replica answers alike; the last read is kept between reads (see reload).
 */
export class NamespaceDirectory {
  private declared?: Map<string, string>;
  private reading?: Promise<Map<string, string>>;
  /** Whether some answer was given as if nothing were declared, the catalog not answering. */
  private answeredBlind = false;

  constructor(private readonly options: NamespaceDirectoryOptions) {}

  /**
   * The lower-case ref of the entity for the Kubernetes namespace, or undefined when no
   * entity is declared for it and discovery does not add namespaces. Before the first
   * successful read it reads the catalog once; if that fails it answers as if nothing
   * were declared, and the next reload refreshes the components concerned.
   */
  async refFor(namespace: string): Promise<string | undefined> {
    const declared = this.declared ?? (await this.firstRead());
    return (
      declared.get(namespace.toLowerCase()) ??
      (this.options.discoversNamespaces
        ? discoveredRef('kubernetes-namespace', namespace)
        : undefined)
    );
  }

  /**
   * Reads the declared namespaces again and returns the Kubernetes names whose entity
   * changed since the last read (all declared ones on the first). When the catalog does
   * not answer it throws and keeps the last read.
   */
  async reload(): Promise<string[]> {
    const blind = this.answeredBlind;
    const after = await this.read();
    const before = blind ? new Map() : this.declared ?? new Map();
    this.declared = after;
    this.answeredBlind = false;
    const names = new Set([...before.keys(), ...after.keys()]);
    return [...names].filter(name => before.get(name) !== after.get(name));
  }

  private async firstRead(): Promise<Map<string, string>> {
    try {
      this.declared ??= await this.read();
      return this.declared;
    } catch (error) {
      this.answeredBlind = true;
      this.options.logger.debug(
        `Could not read the declared Kubernetes namespaces from the catalog yet (${error}); components relate to discovered namespaces until it answers`,
      );
      return new Map();
    }
  }

  /** One catalog request at a time; callers waiting meanwhile share its answer. */
  private read(): Promise<Map<string, string>> {
    this.reading ??= this.readCatalog().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readCatalog(): Promise<Map<string, string>> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Resource', 'spec.type': 'kubernetes-namespace' },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const declared = new Map<string, string>();
    // Sorted, so two entities claiming one Kubernetes name resolve alike everywhere.
    const refs = items
      .filter(entity => !isDiscovered(entity))
      .map(entity => ({
        name: kubernetesNameOf(entity).toLowerCase(),
        ref: stringifyEntityRef(entity).toLowerCase(),
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
    for (const { name, ref } of refs) {
      if (!declared.has(name)) declared.set(name, ref);
    }
    return declared;
  }
}
