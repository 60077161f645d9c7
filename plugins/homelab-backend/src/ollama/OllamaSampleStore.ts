import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { OllamaSample, ProbeResult } from './types';

const SAMPLES = 'homelab_ollama_samples';
const PROBES = 'homelab_ollama_probes';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-homelab-backend',
  'migrations',
);

function toSample(row: { data: string }): OllamaSample {
  return JSON.parse(row.data);
}

/** Ollama samples and probe results in the plugin's database. */
export class OllamaSampleStore {
  static async create(database: DatabaseService): Promise<OllamaSampleStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new OllamaSampleStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async add(sample: OllamaSample): Promise<void> {
    await this.knex(SAMPLES).insert({
      sampled_at: sample.sampledAt,
      reachable: sample.reachable,
      consecutive_failures: sample.consecutiveFailures,
      data: JSON.stringify(sample),
    });
  }

  async latest(): Promise<OllamaSample | undefined> {
    const row = await this.knex(SAMPLES)
      .orderBy('sampled_at', 'desc')
      .orderBy('id', 'desc')
      .first('data');
    return row ? toSample(row) : undefined;
  }

  /** Id of the newest sample, a cheap way to tell whether anything changed. */
  async latestId(): Promise<number | undefined> {
    const row = await this.knex(SAMPLES).max('id as id').first();
    return row?.id === null || row?.id === undefined
      ? undefined
      : Number(row.id);
  }

  /** Samples taken at or after `since` (epoch ms), oldest first. */
  async since(since: number): Promise<OllamaSample[]> {
    const rows = await this.knex(SAMPLES)
      .where('sampled_at', '>=', since)
      .orderBy('sampled_at', 'asc')
      .orderBy('id', 'asc')
      .select('data');
    return rows.map(toSample);
  }

  async addProbe(result: ProbeResult): Promise<void> {
    await this.knex(PROBES).insert({
      probed_at: result.probedAt,
      model: result.model,
      tokens_per_second: result.tokensPerSecond ?? null,
      error: result.error ?? null,
    });
  }

  async latestProbe(): Promise<ProbeResult | undefined> {
    const row = await this.knex(PROBES)
      .orderBy('probed_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    if (!row) return undefined;
    return {
      probedAt: Number(row.probed_at),
      model: row.model,
      tokensPerSecond: row.tokens_per_second ?? undefined,
      error: row.error ?? undefined,
    };
  }

  /** Deletes samples and probe results older than `before`; returns how many rows went. */
  async prune(before: number): Promise<number> {
    const samples = await this.knex(SAMPLES)
      .where('sampled_at', '<', before)
      .delete();
    const probes = await this.knex(PROBES)
      .where('probed_at', '<', before)
      .delete();
    return samples + probes;
  }
}
