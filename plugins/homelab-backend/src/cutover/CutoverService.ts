import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CutoverDetail,
  CutoverList,
} from '@internal/plugin-homelab-common';
import type { ClusterSnapshot } from '../snapshot/types';
import { cutoverDetail, cutoverSummary } from './cutoverView';
import type { CutoverRunner } from './CutoverRunner';
import { entityFacts } from './entityFacts';
import type { PlanCutover } from './runnerTypes';

export interface CutoverServiceOptions {
  /** The plans with a cutover section whose entities these credentials may see. */
  plans: (credentials: BackstageCredentials) => Promise<PlanCutover[]>;
  runner: CutoverRunner;
  snapshot: ClusterSnapshot;
  catalog: CatalogService;
}

/**
 * The cutover routes' answers for one caller: only plans of entities the
 * caller sees in the catalog, with the runner's shared results and the
 * shared cluster snapshot's pods. Nothing here reads the cluster or Ollama.
 */
export class CutoverService {
  constructor(private readonly options: CutoverServiceOptions) {}

  async list(credentials: BackstageCredentials): Promise<CutoverList> {
    const plans = await this.options.plans(credentials);
    return {
      cutovers: plans.map(p =>
        cutoverSummary(p, this.options.runner.latest(p.id)),
      ),
    };
  }

  async get(
    planId: string,
    credentials: BackstageCredentials,
  ): Promise<CutoverDetail> {
    const plan = await this.visible(planId, credentials);
    const { runner } = this.options;
    // The first viewer of a plan never checked starts one evaluation, shared and rate-limited.
    if (!runner.latest(plan.id)) void runner.check(plan).catch(() => undefined);
    return this.detail(plan, credentials);
  }

  /** Runs the plan's checks now (coalesced with any other caller's) and answers with the result. */
  async check(
    planId: string,
    credentials: BackstageCredentials,
  ): Promise<CutoverDetail> {
    const plan = await this.visible(planId, credentials);
    await this.options.runner.check(plan);
    return this.detail(plan, credentials);
  }

  private async visible(
    planId: string,
    credentials: BackstageCredentials,
  ): Promise<PlanCutover> {
    const found = (await this.options.plans(credentials)).find(
      p => p.id === planId,
    );
    if (!found)
      throw new NotFoundError(
        `No cutover for plan id "${planId}"; GET /cutover lists the plans with a cutover section you may see`,
      );
    return found;
  }

  private async detail(
    plan: PlanCutover,
    credentials: BackstageCredentials,
  ): Promise<CutoverDetail> {
    const { runner, snapshot, catalog } = this.options;
    return cutoverDetail({
      plan,
      evaluation: runner.latest(plan.id),
      facts: await entityFacts(catalog, plan.entityRefs, credentials),
      reading: snapshot.latest(),
      snapshotError: snapshot.lastError(),
      intervalSeconds: runner.intervalSeconds,
      nextCheckAt: runner.nextCheckAt(plan),
    });
  }
}
