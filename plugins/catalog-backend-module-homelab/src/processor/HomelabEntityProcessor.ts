import type { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import type { NamespaceDirectory } from '../namespaces/NamespaceDirectory';
import { namespaceRefreshKey } from '../namespaces/refreshKey';
import { describeSpecProblems } from './problems';
import { ANNOTATION_KUBERNETES_NAMESPACE, homelabRelations } from './relations';
import { isHomelabResourceType, SPEC_SCHEMAS } from './schemas';

/** The location type of the processor API (its own export is deprecated). */
type LocationSpec = Parameters<typeof processingResult.inputError>[0];

/**
 * Validates the spec of the homelab Resource types (kubernetes-cluster,
 * kubernetes-node, kubernetes-namespace, ai-model) and emits the relations
 * between them. An invalid entity gets one input error per field, which keeps
 * the catalog at its previous version of the entity and shows the errors on
 * its page.
 */
export class HomelabEntityProcessor implements CatalogProcessor {
  /**
   * namespaces: which entity stands for each Kubernetes namespace. With it, a component
   * relates to that entity and carries the namespace's refresh key, so it is processed
   * again when that entity changes.
   */
  constructor(
    private readonly options: { namespaces?: NamespaceDirectory } = {},
  ) {}

  getProcessorName(): string {
    return 'HomelabEntityProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const type = entity.spec?.type;
    if (
      entity.kind.toLowerCase() === 'resource' &&
      isHomelabResourceType(type)
    ) {
      const result = SPEC_SCHEMAS[type].safeParse(entity.spec);
      if (!result.success) {
        for (const problem of describeSpecProblems(
          entity,
          result.error.issues,
        )) {
          emit(processingResult.inputError(location, problem));
        }
        return entity;
      }
    }
    for (const relation of homelabRelations(
      entity,
      await this.namespaceRef(entity, emit),
    )) {
      emit(processingResult.relation(relation));
    }
    return entity;
  }

  private async namespaceRef(
    entity: Entity,
    emit: CatalogProcessorEmit,
  ): Promise<string | undefined> {
    const namespace =
      entity.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE];
    const { namespaces } = this.options;
    if (entity.kind.toLowerCase() !== 'component' || !namespace || !namespaces)
      return undefined;
    emit(processingResult.refresh(namespaceRefreshKey(namespace)));
    return namespaces.refFor(namespace);
  }
}
