// @ts-check

// The figures the history chart draws, as columns, so GET /ollama/history can
// downsample in SQL (one row per time bucket) instead of parsing every sample's JSON.

const SAMPLES = 'homelab_ollama_samples';
const BATCH = 500;

/**
 * The columns of one stored sample (its `data` JSON). Kept here rather than
 * imported: a migration must keep doing what it did when it first ran.
 * @param {any} s
 */
function figures(s) {
  const loaded = Array.isArray(s.loaded) ? s.loaded : [];
  const num = (/** @type {unknown} */ v) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null;
  return {
    latency_ms: num(s.latencyMs),
    cpu_millicores: num(s.pod?.usage?.cpuMillicores),
    cpu_limit_millicores: num(s.pod?.limits?.cpuMillicores),
    memory_bytes: num(s.pod?.usage?.memoryBytes),
    memory_limit_bytes: num(s.pod?.limits?.memoryBytes),
    loaded_bytes: loaded.reduce(
      (/** @type {number} */ n, /** @type {any} */ m) =>
        n + Math.max(0, (m.sizeBytes ?? 0) - (m.sizeVramBytes ?? 0)),
      0,
    ),
    loaded_vram_bytes: loaded.reduce(
      (/** @type {number} */ n, /** @type {any} */ m) =>
        n + (m.sizeVramBytes ?? 0),
      0,
    ),
    loaded_models: JSON.stringify(loaded.map((/** @type {any} */ m) => m.name)),
  };
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable(SAMPLES, table => {
    table.integer('latency_ms').nullable();
    table.bigInteger('cpu_millicores').nullable();
    table
      .bigInteger('cpu_limit_millicores')
      .nullable()
      .comment('null: no limit');
    table.bigInteger('memory_bytes').nullable();
    table.bigInteger('memory_limit_bytes').nullable().comment('null: no limit');
    table
      .bigInteger('loaded_bytes')
      .notNullable()
      .defaultTo(0)
      .comment('RAM share of the loaded models: size - size_vram');
    table.bigInteger('loaded_vram_bytes').notNullable().defaultTo(0);
    table.text('loaded_models').nullable().comment('JSON list of model names');
  });
  for (let after = 0; ; ) {
    const rows = await knex(SAMPLES)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .select('id', 'data');
    if (rows.length === 0) break;
    for (const row of rows) {
      let sample;
      try {
        sample = JSON.parse(row.data);
      } catch {
        sample = {};
      }
      await knex(SAMPLES).where('id', row.id).update(figures(sample));
    }
    after = Number(rows[rows.length - 1].id);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable(SAMPLES, table => {
    table.dropColumns(
      'latency_ms',
      'cpu_millicores',
      'cpu_limit_millicores',
      'memory_bytes',
      'memory_limit_bytes',
      'loaded_bytes',
      'loaded_vram_bytes',
      'loaded_models',
    );
  });
};
