import type {
  ClusterGlance,
  HomeSection,
  HomeSummary,
  MigrationGlance,
  OllamaGlance,
} from '@internal/plugin-homelab-common';
import type { CatalogLinks } from './catalogLinks';
import type { ClusterFacts } from './clusterFacts';
import type { Computed, SharedMigration } from './types';
import { migrationGlance } from './migrationGlance';

function section<T>(
  computed: Computed<unknown>,
  data: T | undefined,
  staleAfterMs: number,
  now: number,
): HomeSection<T> {
  return {
    ...(data !== undefined ? { data } : {}),
    ...(computed.error ? { error: computed.error } : {}),
    ...(computed.at !== undefined
      ? { updatedAt: new Date(computed.at).toISOString() }
      : {}),
    stale:
      !!computed.stale ||
      (computed.at !== undefined && now - computed.at > staleAfterMs),
  };
}

/**
 * A plan or cutover is shown when the caller sees one of its entities, or when
 * it has none (a plan of the phase folders); only entities the caller sees are named.
 */
async function migrationFor(
  shared: SharedMigration,
  links: CatalogLinks,
): Promise<MigrationGlance> {
  const visible = await links.visible([
    ...shared.plans.flatMap(p => p.entityRefs),
    ...shared.cutovers.flatMap(c => c.entityRefs),
  ]);
  const keep = <T extends { entityRefs: string[] }>(items: T[]) =>
    items
      .filter(
        i =>
          i.entityRefs.length === 0 || i.entityRefs.some(r => visible.has(r)),
      )
      .map(i => ({
        ...i,
        entityRefs: i.entityRefs.filter(r => visible.has(r)),
      }));
  return migrationGlance(keep(shared.plans), keep(shared.cutovers));
}

/**
 * Pods of a namespace the catalog knows are shown only to callers who see an
 * entity of that namespace; pods of namespaces outside the catalog (kube-system)
 * are shown to everyone, without a link.
 */
function clusterFor(
  facts: ClusterFacts,
  links: CatalogLinks,
  serviceLinks: CatalogLinks | undefined,
): ClusterGlance {
  return {
    nodes: facts.nodes.map(n => {
      const entityRef = links.nodeRef(n.name);
      return { ...n, ...(entityRef ? { entityRef } : {}) };
    }),
    problems: facts.problems
      .filter(
        p =>
          links.seesNamespace(p.namespace) ||
          (serviceLinks !== undefined &&
            !serviceLinks.seesNamespace(p.namespace)),
      )
      .map(({ labels, ...p }) => {
        const entityRef = links.podRef(p.namespace, labels);
        return { ...p, ...(entityRef ? { entityRef } : {}) };
      }),
    podCount: facts.podCount,
  };
}

export async function forCaller(input: {
  links: CatalogLinks;
  serviceLinks?: CatalogLinks;
  migration: Computed<SharedMigration>;
  cluster: Computed<ClusterFacts>;
  ollama: Computed<OllamaGlance>;
  staleAfterMs: number;
  now: number;
}): Promise<HomeSummary> {
  const { links, staleAfterMs, now } = input;
  const migration = input.migration.data
    ? await migrationFor(input.migration.data, links)
    : undefined;
  const cluster = input.cluster.data
    ? clusterFor(input.cluster.data, links, input.serviceLinks)
    : undefined;
  const ollama = input.ollama.data
    ? {
        ...input.ollama.data,
        ...(links.ollamaRef ? { entityRef: links.ollamaRef } : {}),
      }
    : undefined;
  return {
    migration: section(input.migration, migration, staleAfterMs, now),
    cluster: section(input.cluster, cluster, staleAfterMs, now),
    ollama: section(input.ollama, ollama, staleAfterMs, now),
  };
}
