import type {
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_PHASE_PLAN,
  ANNOTATION_PROPOSED_BRANCH,
  type PhasePlan,
  planPhases,
} from '@internal/plugin-homelab-common';
import {
  entityPlanLocation,
  type PlanReadLimits,
  PlanRefusedError,
} from '@internal/plugin-homelab-node';
import type { PlanCutover } from '../cutover/runnerTypes';
import { findPlanFiles } from './findPlanFiles';
import { PlanCache } from './PlanCache';
import { planIdOf } from './planId';
import { planRoots, type PlanRoots } from './planRoots';
import type { CheckoutPlans } from './proposedPlans';
import {
  indexPhases,
  type PhaseIndex,
  resolvePrerequisites,
} from './resolvePrerequisites';
import type {
  PhasePlanDetail,
  PhasePlanList,
  PhasePlanProblem,
  PhasePlanProposal,
  PhasePlanSummary,
} from '@internal/plugin-homelab-common';

export interface PhasePlanServiceOptions {
  repositoryRoot: string;
  folders: string[];
  /** `file:<absolute path>` of each `catalog.locations` entry of type file. */
  catalogFileLocations: string[];
  limits: PlanReadLimits;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  logger: LoggerService;
  resolveUrl: (opts: { url: string; base: string }) => string;
  /** The GitOps checkout's plans: its base branch and its scaffold branches. */
  checkout?: CheckoutPlans;
  /** The checkout's folder, a root of every plan. */
  gitopsCheckout?: string;
}

interface Loaded {
  id: string;
  file: string;
  plan: PhasePlan;
  entityRefs: string[];
  proposed?: PhasePlanProposal;
}

/**
 * Phase plans from the configured folders and from the entities that point at
 * one, parsed once per file version, with prerequisites resolved across plans.
 * Entities are read with the caller's credentials, so a caller sees the plans
 * of the entities the catalog shows them and every folder plan.
 */
export class PhasePlanService {
  private readonly cache: PlanCache;
  private readonly roots: PlanRoots;
  private readonly catalogFileLocations: ReadonlySet<string>;

  constructor(private readonly options: PhasePlanServiceOptions) {
    this.cache = new PlanCache(options.limits);
    this.roots = planRoots({
      repositoryRoot: options.repositoryRoot,
      phaseFolders: options.folders,
      gitopsCheckout: options.gitopsCheckout,
    });
    this.catalogFileLocations = new Set(options.catalogFileLocations);
  }

  async list(credentials: BackstageCredentials): Promise<PhasePlanList> {
    const { loaded, problems } = await this.loadAll(credentials);
    const known = indexPhases(loaded);
    return {
      plans: loaded.map(l => this.summarize(l, known)),
      problems,
    };
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<PhasePlanDetail> {
    const { loaded } = await this.loadAll(credentials);
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

  /**
   * The plans with a cutover section that belong to an entity the caller may
   * see: a folder plan no visible entity points at is not among them, nor is
   * a plan only proposed on a scaffold branch.
   */
  async cutovers(credentials: BackstageCredentials): Promise<PlanCutover[]> {
    const { loaded } = await this.loadAll(credentials);
    return loaded.flatMap(l => {
      const cutover = this.cache.cutoverOf(l.plan);
      if (!cutover?.section || !l.entityRefs.length || l.proposed) return [];
      return [
        {
          id: l.id,
          file: l.file,
          title: l.plan.title,
          entityRefs: l.entityRefs,
          cutover,
        },
      ];
    });
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
      ...(l.proposed ? { proposed: l.proposed } : {}),
    };
  }

  private async loadAll(credentials: BackstageCredentials): Promise<{
    loaded: Loaded[];
    problems: PhasePlanProblem[];
  }> {
    const { repositoryRoot, folders, logger } = this.options;
    const problems: PhasePlanProblem[] = [];
    const byKey = new Map<string, Loaded>();
    /** Merges one finished load: the first plan per key, every entity that points at it. */
    const add = (
      key: string,
      file: string,
      outcome: Outcome,
      source: string,
      entityRef?: string,
    ) => {
      if ('error' in outcome) {
        problems.push({ source, message: readProblem(file, outcome.error) });
        return;
      }
      let entry = byKey.get(key);
      if (!entry) {
        entry = {
          id: planIdOf(file),
          file,
          plan: outcome.plan,
          entityRefs: [],
        };
        byKey.set(key, entry);
      }
      if (entityRef && !entry.entityRefs.includes(entityRef)) {
        entry.entityRefs.push(entityRef);
      }
    };

    const onProblem = (source: string, message: string) =>
      problems.push({ source, message });
    let files = await findPlanFiles(repositoryRoot, folders, onProblem);
    if (this.options.checkout) {
      files = await this.options.checkout.mergeFiles(files, onProblem);
    }
    const { shared, repository } = this.roots;
    // Every read starts at once, so slow plans cost one timeout, not one each.
    const fileLoads = files.map(f =>
      settle(this.cache.fromFile(f.absPath, f.file, shared)),
    );

    const context = {
      repositoryRoot,
      catalogFileLocations: this.catalogFileLocations,
      resolveUrl: this.options.resolveUrl,
    };
    const urlLoads = new Map<string, Promise<Outcome>>();
    const entityLoads = (await this.entitiesWithPlans(credentials)).map(
      entity => {
        const ref = stringifyEntityRef(entity);
        const where = entityPlanLocation(entity, context);
        if (where.type === 'problem') return { ref, problem: where.message };
        if (where.type === 'file') {
          // Each entity's own roots, even when another entity shares the file.
          const roots = where.fromRepository ? [...shared, repository] : shared;
          const shown = `${ANNOTATION_PHASE_PLAN} "${where.value}"`;
          return {
            ref,
            key: where.path,
            file: where.file,
            load: settle(
              this.cache.fromFile(where.path, where.file, roots, shown),
            ),
          };
        }
        // A URL has no roots: backend.reading.allow is the same for every entity.
        let load = urlLoads.get(where.url);
        if (!load) {
          load = settle(this.cache.fromUrl(this.options.urlReader, where.url));
          urlLoads.set(where.url, load);
        }
        return { ref, key: where.url, file: where.url, load };
      },
    );

    for (const [i, f] of files.entries()) {
      add(f.absPath, f.file, await fileLoads[i], f.file);
    }
    for (const e of entityLoads) {
      if ('problem' in e) problems.push({ source: e.ref, message: e.problem! });
      else add(e.key, e.file, await e.load, e.ref, e.ref);
    }
    if (this.options.checkout) {
      const known = new Set([...byKey.values()].map(l => l.file));
      for (const p of await this.options.checkout.proposed(known, onProblem)) {
        const key = `proposed:${p.file}`;
        if (byKey.has(key)) {
          onProblem(
            p.source,
            `also proposes "${p.file}"; the first branch's is shown`,
          );
          continue;
        }
        byKey.set(key, {
          id: planIdOf(p.file),
          file: p.file,
          plan: p.plan,
          entityRefs: p.entityRefs,
          proposed: p.proposed,
        });
      }
    }
    for (const p of problems)
      logger.debug(`phase plans: ${p.source}: ${p.message}`);
    return { loaded: [...byKey.values()], problems };
  }

  private async entitiesWithPlans(
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { catalog } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_PHASE_PLAN}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata', 'apiVersion'],
      },
      { credentials },
    );
    // An entity of an open scaffold branch points at a plan only that branch has: the
    // plan is listed as proposed (with the entity) from the branch, not read from disk.
    return items.filter(
      e => !e.metadata.annotations?.[ANNOTATION_PROPOSED_BRANCH],
    );
  }
}

type Outcome = { plan: PhasePlan } | { error: unknown };

/** A load whose failure is kept as a value, so it can be awaited later without an unhandled rejection. */
function settle(load: Promise<PhasePlan>): Promise<Outcome> {
  return load.then(
    plan => ({ plan }),
    error => ({ error }),
  );
}

/** A problem's message without host paths: refusals say the rule, other errors their code. */
function readProblem(file: string, error: unknown): string {
  if (error instanceof PlanRefusedError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return `${file} could not be read (${code})`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${file} could not be read: ${message}`;
}
