import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { type Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CUTOVER_RUNBOOK,
  checkRunbookRefs,
} from '@internal/plugin-homelab-common';

export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/** What the cutover view needs from a plan's entities. */
export interface EntityFacts {
  /** `backstage.io/kubernetes-namespace` of each entity. */
  namespaces: string[];
  /** The first usable `homelab.dev/cutover-runbook`. */
  runbook?: { entityRef: string; path: string };
  /** An entity is Ollama or an ai-model, or depends on one (where the Ollama card shows). */
  ollamaConsumer: boolean;
}

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');

/** As the frontend's isOllamaEntity decides where the Ollama load card is shown. */
function isOllamaEntity(entity: Entity): boolean {
  const kind = lower(entity.kind);
  const type = lower(entity.spec?.type);
  return (
    (kind === 'component' && type === 'model-server') ||
    (kind === 'resource' && type === 'ai-model')
  );
}

/**
 * Reads the plan's entities and the ones they depend on with the caller's
 * credentials, so nothing the catalog hides from the caller decides what
 * they see.
 */
export async function entityFacts(
  catalog: CatalogService,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<EntityFacts> {
  const fields = ['kind', 'metadata', 'spec', 'relations'];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs, fields },
    { credentials },
  );
  const entities = items.filter((e): e is Entity => !!e);
  const namespaces = entities.flatMap(e => {
    const ns = e.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE];
    return ns ? [ns] : [];
  });
  let runbook: EntityFacts['runbook'];
  for (const e of entities) {
    const value = e.metadata.annotations?.[ANNOTATION_CUTOVER_RUNBOOK];
    runbook ??= value ? checkRunbookRefs(value).refs[0] : undefined;
  }
  let ollamaConsumer = entities.some(isOllamaEntity);
  const dependencies = entities
    .flatMap(e => e.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDS_ON)
    .map(r => r.targetRef);
  if (!ollamaConsumer && dependencies.length) {
    const targets = await catalog.getEntitiesByRefs(
      {
        entityRefs: [...new Set(dependencies)],
        fields: ['kind', 'spec.type', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    ollamaConsumer = targets.items.some(t => !!t && isOllamaEntity(t));
  }
  return { namespaces: [...new Set(namespaces)], runbook, ollamaConsumer };
}
