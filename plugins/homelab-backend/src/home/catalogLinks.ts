import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  type EntityFilterQuery,
} from '@backstage/catalog-client';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_DISCOVERED } from '@internal/plugin-homelab-common';
import { matchesSelector } from './labelSelector';

const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
const SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';
const ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** Set by the homelab entity provider; a declared entity may set it too. */
const KUBERNETES_NAME_ANNOTATION = 'homelab.dev/kubernetes-name';

/** The catalog entities one caller may see that the home page links to. */
export interface CatalogLinks {
  nodeRef(name: string): string | undefined;
  /** The component running the pod, else its namespace's entity. */
  podRef(namespace: string, labels: Record<string, string>): string | undefined;
  /** Whether the caller sees an entity for the namespace. */
  seesNamespace(namespace: string): boolean;
  ollamaRef?: string;
  /** Which of these refs the caller may see. */
  visible(refs: string[]): Promise<Set<string>>;
}

const lower = (s: unknown) => String(s ?? '').toLowerCase();
const kubeName = (e: Entity) =>
  lower(
    e.metadata.annotations?.[KUBERNETES_NAME_ANNOTATION] ?? e.metadata.name,
  );
const ofType = (items: Entity[], type: string) =>
  items
    .filter(e => lower(e.kind) === 'resource' && lower(e.spec?.type) === type)
    // Declared entities before discovered ones, as the catalog module prefers them.
    .sort(
      (a, b) =>
        Number(!!a.metadata.annotations?.[ANNOTATION_DISCOVERED]) -
        Number(!!b.metadata.annotations?.[ANNOTATION_DISCOVERED]),
    );

function firstByName(items: Entity[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of items) {
    const key = kubeName(e);
    if (!map.has(key)) map.set(key, stringifyEntityRef(e));
  }
  return map;
}

/** Entity filters of the one catalog read per request. */
export const LINK_FILTER: EntityFilterQuery = [
  { [`metadata.annotations.${NAMESPACE_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
  {
    kind: 'resource',
    'spec.type': ['kubernetes-namespace', 'kubernetes-node'],
  },
  { kind: 'component', 'spec.type': 'model-server' },
];

/** Reads, with the caller's credentials, the entities the home page links pods, nodes and Ollama to. */
export async function catalogLinks(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<CatalogLinks> {
  const { items } = await catalog.getEntities(
    {
      filter: LINK_FILTER,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.type',
      ],
    },
    { credentials },
  );
  const nodes = firstByName(ofType(items, 'kubernetes-node'));
  const namespaces = firstByName(ofType(items, 'kubernetes-namespace'));
  const workloads = items.filter(
    e => e.metadata.annotations?.[NAMESPACE_ANNOTATION],
  );
  const ollama = items.find(
    e =>
      lower(e.kind) === 'component' && lower(e.spec?.type) === 'model-server',
  );
  return {
    nodeRef: name => nodes.get(lower(name)),
    podRef(namespace, labels) {
      const component = workloads.find(e => {
        const a = e.metadata.annotations!;
        if (lower(a[NAMESPACE_ANNOTATION]) !== lower(namespace)) return false;
        if (a[ID_ANNOTATION])
          return labels['backstage.io/kubernetes-id'] === a[ID_ANNOTATION];
        return (
          !!a[SELECTOR_ANNOTATION] &&
          matchesSelector(a[SELECTOR_ANNOTATION], labels)
        );
      });
      return component
        ? stringifyEntityRef(component)
        : namespaces.get(lower(namespace));
    },
    seesNamespace: namespace =>
      namespaces.has(lower(namespace)) ||
      workloads.some(
        e =>
          lower(e.metadata.annotations![NAMESPACE_ANNOTATION]) ===
          lower(namespace),
      ),
    ollamaRef: ollama && stringifyEntityRef(ollama),
    async visible(refs) {
      if (refs.length === 0) return new Set();
      const unique = [
        ...new Set(refs.map(r => stringifyEntityRef(parseEntityRef(r)))),
      ];
      const { items: found } = await catalog.getEntitiesByRefs(
        {
          entityRefs: unique,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      return new Set(
        found.filter((e): e is Entity => !!e).map(e => stringifyEntityRef(e)),
      );
    },
  };
}
