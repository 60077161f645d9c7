// @ts-check

// One sample per sampler slot, enforced by the database, so two replicas (or a
// replica restarted in the middle of a run) can never store the same slot twice.
// A sample's slot is the start of the interval it falls in, in epoch ms:
// floor(sampled_at / interval) * interval. Kept in ms rather than as an index so
// slots stay comparable when the configured interval changes.

const SAMPLES = 'homelab_ollama_samples';
const INDEX = 'homelab_ollama_samples_slot_unique';
/**
 * A migration cannot read the app-config, so existing rows get the slots of
 * the default (and shipped) 15 s interval. Fixed here: a migration must keep
 * doing what it did when it first ran.
 */
const EXISTING_SLOT_MS = 15000;

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable(SAMPLES, table => {
    table
      .bigInteger('slot')
      .nullable()
      .comment('start of the sampler interval this sample fills, epoch ms');
  });
  // Integer literals: integer division on PostgreSQL and SQLite alike.
  await knex(SAMPLES).update({
    slot: knex.raw(`(sampled_at / ${EXISTING_SLOT_MS}) * ${EXISTING_SLOT_MS}`),
  });
  // Duplicates in one slot: keep the newest (latest sampled_at, then highest id).
  await knex.raw(
    `DELETE FROM ?? WHERE EXISTS (
       SELECT 1 FROM ?? AS n WHERE n.slot = ??.slot AND (
         n.sampled_at > ??.sampled_at
         OR (n.sampled_at = ??.sampled_at AND n.id > ??.id)))`,
    [SAMPLES, SAMPLES, SAMPLES, SAMPLES, SAMPLES, SAMPLES],
  );
  await knex.schema.alterTable(SAMPLES, table => {
    table.bigInteger('slot').notNullable().alter();
    table.unique(['slot'], { indexName: INDEX });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable(SAMPLES, table => {
    table.dropUnique(['slot'], INDEX);
    table.dropColumn('slot');
  });
};
