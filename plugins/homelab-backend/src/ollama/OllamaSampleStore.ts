import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { HistoryBucketRow } from './history';
import { sampleColumns } from './sampleColumns';
import type { OllamaSample, ProbeResult } from './types';

const SAMPLES = 'homelab_ollama_samples';
const PROBES = 'homelab_ollama_probes';
const CLAIMS = 'homelab_ollama_sampler_claims';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-homelab-backend',
  'migrations',
);

/**
 * Brings the tables up to date. Two replicas starting on an empty database
 * race to create knex's migrations table, and one of them finds the migration
 * lock taken; that one tries again shortly, when the other has finished.
 */
async function migrate(knex: Knex, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(resolve => setTimeout(resolve, 200 * attempt));
    }
  }
}

function toSample(row: { data: string }): OllamaSample {
  return JSON.parse(row.data);
}

export interface OllamaSampleStoreOptions {
  /** The sampler's interval: at most one sample is stored per slot of this width. */
  slotMs: number;
}

/**
 * Ollama samples and probe results in the plugin's database. A sample fills
 * the slot `floor(sampledAt / slotMs) * slotMs`; the slot column's unique
 * index keeps a second sample of the same slot out, whichever replica or
 * restarted run writes it.
 */
export class OllamaSampleStore {
  static async create(
    database: DatabaseService,
    options: OllamaSampleStoreOptions,
  ): Promise<OllamaSampleStore> {
    if (!Number.isSafeInteger(options.slotMs) || options.slotMs < 1)
      throw new Error(
        `slotMs must be a whole number of ms >= 1, got ${options.slotMs}`,
      );
    const knex = await database.getClient();
    if (!database.migrations?.skip) await migrate(knex);
    return new OllamaSampleStore(knex, options.slotMs);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly slotMs: number,
  ) {}

  /** The slot a sample taken at `at` (epoch ms) fills: the start of its interval. */
  slotOf(at: number): number {
    return Math.floor(at / this.slotMs) * this.slotMs;
  }

  /** Stores the sample unless its slot already holds one; true when it was stored. */
  async add(sample: OllamaSample): Promise<boolean> {
    const inserted = await this.knex(SAMPLES)
      .insert({
        slot: this.slotOf(sample.sampledAt),
        sampled_at: sample.sampledAt,
        reachable: sample.reachable,
        consecutive_failures: sample.consecutiveFailures,
        data: JSON.stringify(sample),
        ...sampleColumns(sample),
      })
      .onConflict('slot')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  /**
   * Claims the slot of `at` for `claimant` unless a replica has claimed it
   * already; true when this call made the claim. The sampler claims before it
   * reads Ollama, so one replica reads per slot.
   */
  async claimSlot(at: number, claimant: string): Promise<boolean> {
    const inserted = await this.knex(CLAIMS)
      .insert({ slot: this.slotOf(at), claimed_at: at, claimant })
      .onConflict('slot')
      .ignore()
      .returning('slot');
    return inserted.length > 0;
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

  /**
   * The samples since `since` in buckets of `bucketMs` (aligned to the epoch,
   * so a bucket keeps its figures from one poll to the next), one row per
   * bucket, oldest first: the highest CPU, memory and loaded-model figures,
   * the mean latency, reachable only if every sample was, and the models of
   * its newest sample. The database does the grouping; this reads one row per
   * bucket, not every sample.
   */
  async historyBuckets(
    since: number,
    bucketMs: number,
  ): Promise<HistoryBucketRow[]> {
    const k = this.knex;
    if (!Number.isSafeInteger(bucketMs) || bucketMs < 1)
      throw new Error(`bucketMs must be a whole number >= 1, got ${bucketMs}`);
    // Integer division on both databases: bigint / bigint in PostgreSQL; the
    // cast in SQLite, which may bind the width as a real.
    const samples = k(SAMPLES)
      .where('sampled_at', '>=', since)
      .select(
        k.raw('CAST(sampled_at / ? AS BIGINT) AS bucket', [bucketMs]),
        'id',
        'sampled_at',
        'reachable',
        'latency_ms',
        'cpu_millicores',
        'cpu_limit_millicores',
        'memory_bytes',
        'memory_limit_bytes',
        'loaded_bytes',
        'loaded_vram_bytes',
      );
    const buckets = k
      .from(samples.as('b'))
      .groupBy('bucket')
      .select(
        'bucket',
        k.raw('MAX(id) AS last_id'),
        k.raw('MAX(sampled_at) AS at'),
        k.raw('MIN(CASE WHEN reachable THEN 1 ELSE 0 END) AS reachable'),
        k.raw('AVG(latency_ms) AS latency_ms'),
        ...[
          'cpu_millicores',
          'cpu_limit_millicores',
          'memory_bytes',
          'memory_limit_bytes',
          'loaded_bytes',
          'loaded_vram_bytes',
        ].map(c => k.raw('MAX(??) AS ??', [c, c])),
      );
    return k
      .from(buckets.as('g'))
      .join(`${SAMPLES} as s`, 's.id', 'g.last_id')
      .orderBy('g.bucket', 'asc')
      .select<HistoryBucketRow[]>('g.*', 's.loaded_models');
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

  /** Deletes samples, probe results and slot claims older than `before`; returns how many samples and probe results went. */
  async prune(before: number): Promise<number> {
    await this.knex(CLAIMS).where('slot', '<', before).delete();
    const samples = await this.knex(SAMPLES)
      .where('sampled_at', '<', before)
      .delete();
    const probes = await this.knex(PROBES)
      .where('probed_at', '<', before)
      .delete();
    return samples + probes;
  }
}
