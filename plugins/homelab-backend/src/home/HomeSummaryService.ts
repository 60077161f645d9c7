import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CutoverSummary,
  HomeSummary,
  OllamaGlance,
} from '@internal/plugin-homelab-common';
import type { OllamaStatusService } from '../ollama/OllamaStatusService';
import type { PhasePlanService } from '../phases/PhasePlanService';
import type { ClusterReading, ClusterSnapshot } from '../snapshot/types';
import { catalogLinks, type CatalogLinks } from './catalogLinks';
import { type ClusterFacts, clusterFacts } from './clusterFacts';
import { forCaller } from './forCaller';
import { ollamaGlance } from './ollamaGlance';
import type { Computed, SharedMigration } from './types';

export const HOME_TASK_ID = 'homelab-home-summary';

export interface HomeSummaryOptions {
  snapshot: ClusterSnapshot;
  phases: Pick<PhasePlanService, 'list'>;
  ollama: Pick<OllamaStatusService, 'status'>;
  catalog: CatalogService;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: LoggerService;
  /** Cutover summaries (the cutover runner's, read from memory). */
  cutovers?: (credentials: BackstageCredentials) => Promise<CutoverSummary[]>;
  now?: () => number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The home page's summaries, computed once per snapshot interval for every
 * viewer: the cluster from the shared snapshot's latest reading, plans and
 * cutovers read with the plugin's own credentials, Ollama from the sampler's
 * stored status. A viewer's request only filters them by what that viewer may
 * see in the catalog (one catalog read), so viewers never cause calls to the
 * cluster or Ollama.
 */
export class HomeSummaryService {
  private migration: Computed<SharedMigration> = {};
  private ollamaSection: Computed<OllamaGlance> = {};
  private serviceLinks?: CatalogLinks;
  private facts?: { reading: ClusterReading; facts: ClusterFacts };

  constructor(private readonly options: HomeSummaryOptions) {}

  get intervalSeconds(): number {
    return this.options.snapshot.intervalSeconds;
  }

  /** Runs `refresh` every snapshot interval on this instance (the data is held in its memory). */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const seconds = this.intervalSeconds;
    await scheduler.scheduleTask({
      id: HOME_TASK_ID,
      scope: 'local',
      frequency: { seconds },
      timeout: { milliseconds: Math.max(1000, seconds * 800) },
      fn: () => this.refresh(),
    });
  }

  /** Recomputes the plan and Ollama sections; a failed part keeps its previous data and records why. */
  async refresh(): Promise<void> {
    const { phases, ollama, catalog, auth, cutovers, logger } = this.options;
    const now = this.now();
    const credentials = await auth.getOwnServiceCredentials();
    await Promise.all([
      (async () => {
        try {
          const [list, cuts] = await Promise.all([
            phases.list(credentials),
            cutovers ? cutovers(credentials) : Promise.resolve([]),
          ]);
          this.migration = {
            data: { plans: list.plans, cutovers: cuts },
            at: now,
          };
        } catch (e) {
          this.migration = { ...this.migration, error: message(e) };
          logger.warn(`home page: plans could not be read: ${message(e)}`);
        }
      })(),
      (async () => {
        try {
          const status = await ollama.status();
          // Before the sampler's first sample there is nothing to show, not "down".
          this.ollamaSection = status.hasData
            ? { data: ollamaGlance(status), at: now, stale: status.stale }
            : { at: now };
        } catch (e) {
          this.ollamaSection = { ...this.ollamaSection, error: message(e) };
          logger.warn(
            `home page: Ollama status could not be read: ${message(e)}`,
          );
        }
      })(),
      (async () => {
        try {
          this.serviceLinks = await catalogLinks(catalog, credentials);
        } catch (e) {
          logger.warn(`home page: catalog could not be read: ${message(e)}`);
        }
      })(),
    ]);
  }

  /** The summary as this caller may see it. */
  async summary(credentials: BackstageCredentials): Promise<HomeSummary> {
    const links = await catalogLinks(this.options.catalog, credentials);
    return forCaller({
      links,
      serviceLinks: this.serviceLinks,
      migration: this.migration,
      cluster: this.cluster(),
      ollama: this.ollamaSection,
      staleAfterMs: 2 * this.intervalSeconds * 1000,
      now: this.now(),
    });
  }

  /** The latest reading's facts, computed once per reading. */
  private cluster(): Computed<ClusterFacts> {
    const { snapshot } = this.options;
    const reading = snapshot.latest();
    const error = snapshot.lastError();
    if (!reading) return error ? { error } : {};
    if (this.facts?.reading !== reading) {
      this.facts = { reading, facts: clusterFacts(reading) };
    }
    return {
      data: this.facts.facts,
      at: reading.readAt.getTime(),
      ...(error ? { error } : {}),
    };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
