import type { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import type { KubernetesNamespaceRefs } from '../kubernetesNamespaceRefs';

/** The location type of the processor API (its own export is deprecated). */
type LocationSpec = Parameters<typeof processingResult.inputError>[0];
import { describeSpecProblems } from './problems';
import { homelabRelations } from './relations';
import { isHomelabResourceType, SPEC_SCHEMAS } from './schemas';

/**
 * Validates the spec of the homelab Resource types (kubernetes-cluster,
 * kubernetes-node, kubernetes-namespace, ai-model) and emits the relations
 * between them. An invalid entity gets one input error per field, which keeps
 * the catalog at its previous version of the entity and shows the errors on
 * its page.
 */
export class HomelabEntityProcessor implements CatalogProcessor {
  /** namespaceRefs: which entity stands for each Kubernetes namespace (from the provider). */
  constructor(
    private readonly options: { namespaceRefs?: KubernetesNamespaceRefs } = {},
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
      this.options.namespaceRefs,
    )) {
      emit(processingResult.relation(relation));
    }
    return entity;
  }
}
