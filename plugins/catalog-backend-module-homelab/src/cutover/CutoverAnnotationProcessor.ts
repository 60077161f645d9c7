import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  CatalogProcessor,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CUTOVER,
  ANNOTATION_PHASE_PLAN,
  ANNOTATION_PROPOSED_BRANCH,
  parseCutoverPlan,
} from '@internal/plugin-homelab-common';
import type { PlanLimits } from './planLimits';
import { planSourceOf } from './planSource';
import { readPlanText } from './readPlanText';

/**
 * Sets `homelab.dev/cutover: "true"` on an entity whose phase plan has a cutover
 * section, so the frontend's synchronous tab filter can tell; removes any value the
 * entity set itself. A plan that cannot be read (or is only proposed on a scaffold
 * branch) gives no annotation: homelab-backend lists why on the Migration page. The
 * annotation follows the plan at the entity's next processing.
 */
export class CutoverAnnotationProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      reader: UrlReaderService;
      limits: PlanLimits;
      logger: LoggerService;
    },
  ) {}

  getProcessorName(): string {
    return 'HomelabCutoverAnnotationProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
  ): Promise<Entity> {
    const current = entity.metadata.annotations ?? {};
    if (!current[ANNOTATION_PHASE_PLAN] && !(ANNOTATION_CUTOVER in current)) {
      return entity;
    }
    const { [ANNOTATION_CUTOVER]: _ignored, ...annotations } = current;
    const hasCutover = await this.hasCutover(entity, location);
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: hasCutover
          ? { ...annotations, [ANNOTATION_CUTOVER]: 'true' }
          : annotations,
      },
    };
  }

  private async hasCutover(
    entity: Entity,
    location: LocationSpec,
  ): Promise<boolean> {
    if (entity.metadata.annotations?.[ANNOTATION_PROPOSED_BRANCH]) return false;
    const source = planSourceOf(entity, location);
    if (!source) return false;
    try {
      const text = await readPlanText(
        source,
        this.options.reader,
        this.options.limits,
      );
      return parseCutoverPlan(text).section !== undefined;
    } catch (error) {
      this.options.logger.debug(
        `no cutover annotation on ${entity.metadata.name}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
      return false;
    }
  }
}
