import type {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_PHASE_PLAN,
  type PhasePlan,
  planPhases,
} from '@internal/plugin-homelab-common';
import { entityPlanLocation } from './entityPlanLocation';
import { findPlanFiles } from './findPlanFiles';
import { PlanCache } from './PlanCache';
import { planIdOf } from './planId';
import {
  indexPhases,
  type PhaseIndex,
  resolvePrerequisites,
} from './resolvePrerequisites';
import type {
  PhasePlanDetail,
  PhasePlanList,
  PhasePlanProblem,
  PhasePlanSummary,
} from '@internal/plugin-homelab-common';

export interface PhasePlanServiceOptions {
  repositoryRoot: string;
  folders: string[];
  urlReader: UrlReaderService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  resolveUrl: (opts: { url: string; base: string }) => string;
}

interface Loaded {
  id: string;
  file: string;
  plan: PhasePlan;
  entityRefs: string[];
}

/**
 * Phase plans from the configured folders and from the entities that point at
 * one, parsed once per file version, with prerequisites resolved across plans.
 */
export class PhasePlanService {
  private readonly cache = new PlanCache();

  constructor(private readonly options: PhasePlanServiceOptions) {}

  async list(): Promise<PhasePlanList> {
    const { loaded, problems } = await this.loadAll();
    const known = indexPhases(loaded);
    return {
      plans: loaded.map(l => this.summarize(l, known)),
      problems,
    };
  }

  async get(id: string): Promise<PhasePlanDetail> {
    const { loaded } = await this.loadAll();
    const found = loaded.find(l => l.id === id);
    if (!found) {
      throw new NotFoundError(
        `No phase plan with id "${id}"; GET /phases lists the ids`,
      );
    }
    return {
      ...this.summarize(found, indexPhases(loaded)),
      plan: found.plan,
    };
  }

  private summarize(l: Loaded, known: PhaseIndex): PhasePlanSummary {
    const p = l.plan;
    return {
      id: l.id,
      file: l.file,
      title: p.title,
      phaseId: p.phaseId,
      status: p.status,
      statusSource: p.statusSource,
      declaredStatus: p.declaredStatus,
      tasks: p.tasks,
      progress: p.progress,
      prerequisites: resolvePrerequisites(p, known),
      drift: p.drift,
      entityRefs: l.entityRefs,
      phases: planPhases(p),
    };
  }

  private async loadAll(): Promise<{
    loaded: Loaded[];
    problems: PhasePlanProblem[];
  }> {
    const { repositoryRoot, folders, logger } = this.options;
    const problems: PhasePlanProblem[] = [];
    const byKey = new Map<string, Loaded>();
    const add = async (
      key: string,
      file: string,
      load: () => Promise<PhasePlan>,
      source: string,
      entityRef?: string,
    ) => {
      let entry = byKey.get(key);
      if (!entry) {
        try {
          entry = {
            id: planIdOf(file),
            file,
            plan: await load(),
            entityRefs: [],
          };
        } catch (error) {
          problems.push({
            source,
            message: `${file} could not be read: ${error}`,
          });
          return;
        }
        byKey.set(key, entry);
      }
      if (entityRef && !entry.entityRefs.includes(entityRef)) {
        entry.entityRefs.push(entityRef);
      }
    };

    const files = await findPlanFiles(repositoryRoot, folders, (folder, abs) =>
      problems.push({
        source: 'homelab.phases.folders',
        message: `The phase folder "${folder}" (${abs}) does not exist; fix homelab.phases.folders or homelab.repositoryRoot`,
      }),
    );
    for (const f of files) {
      await add(
        f.absPath,
        f.file,
        () => this.cache.fromFile(f.absPath, f.file),
        f.file,
      );
    }

    for (const entity of await this.entitiesWithPlans()) {
      const ref = stringifyEntityRef(entity);
      const where = entityPlanLocation(
        entity,
        repositoryRoot,
        this.options.resolveUrl,
      );
      if (where.type === 'problem') {
        problems.push({ source: ref, message: where.message });
      } else if (where.type === 'file') {
        await add(
          where.absPath,
          where.file,
          () => this.cache.fromFile(where.absPath, where.file),
          ref,
          ref,
        );
      } else {
        await add(
          where.url,
          where.url,
          () => this.cache.fromUrl(this.options.urlReader, where.url),
          ref,
          ref,
        );
      }
    }
    for (const p of problems)
      logger.debug(`phase plans: ${p.source}: ${p.message}`);
    return { loaded: [...byKey.values()], problems };
  }

  private async entitiesWithPlans(): Promise<Entity[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_PHASE_PLAN}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata', 'apiVersion'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items;
  }
}
