import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
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
import {
  entityPlanLocation,
  type PlanLocationContext,
  type PlanReadLimits,
  readPlanFile,
  readPlanLocationContext,
  readPlanReadLimits,
  readPlanUrl,
} from '@internal/plugin-homelab-node';

export interface CutoverAnnotationProcessorOptions {
  reader: UrlReaderService;
  /** `homelab.phases.maxBytes` and `readTimeout`, as homelab-backend reads the same plans. */
  limits: PlanReadLimits;
  /** The repository root and the SCM URL rules a plan path is resolved with. */
  context: PlanLocationContext;
  logger: LoggerService;
}

/**
 * Sets `homelab.dev/cutover: "true"` on an entity whose phase plan has a cutover
 * section, so the frontend's synchronous tab filter can tell; removes any value the
 * entity set itself. The plan is located as homelab-backend locates it; a file is
 * read only inside the checkout the entity was read from. A plan that cannot be
 * read (or is only proposed on a scaffold branch) gives no annotation:
 * homelab-backend lists why on the Migration page. The annotation follows the plan
 * at the entity's next processing.
 */
export class CutoverAnnotationProcessor implements CatalogProcessor {
  static fromConfig(
    config: Config,
    deps: { reader: UrlReaderService; logger: LoggerService },
  ): CutoverAnnotationProcessor {
    return new CutoverAnnotationProcessor({
      ...deps,
      limits: readPlanReadLimits(config),
      context: readPlanLocationContext(config),
    });
  }

  constructor(private readonly options: CutoverAnnotationProcessorOptions) {}

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
    const annotations = entity.metadata.annotations ?? {};
    if (annotations[ANNOTATION_PROPOSED_BRANCH]) return false;
    if (!annotations[ANNOTATION_PHASE_PLAN]?.trim()) return false;
    const skip = (why: string) => {
      this.options.logger.debug(
        `no cutover annotation on ${entity.metadata.name}: ${why}`,
      );
      return false;
    };
    const { reader, limits, context } = this.options;
    const where = entityPlanLocation(entity, context, location);
    if (where.type === 'problem') return skip(where.message);
    try {
      const text =
        where.type === 'url'
          ? (await readPlanUrl(reader, where.url, limits)).text
          : await readPlanFile(where.path, {
              shown: `${ANNOTATION_PHASE_PLAN} "${where.value}"`,
              roots: [where.checkout],
              rootsDescribed: 'the checkout the entity was read from',
              limits,
            });
      return parseCutoverPlan(text).section !== undefined;
    } catch (error) {
      return skip(error instanceof Error ? error.message : String(error));
    }
  }
}
