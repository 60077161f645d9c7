// @ts-check

// The sampler's lease: one row per sampler slot, inserted by the replica that
// reads Ollama for it. Every replica ticks the sampler; the one whose INSERT
// lands owns the slot, the others see the conflict and skip it. A replica
// killed mid-run keeps only its own slot, so the next slot is free to another
// replica at once (Backstage's global tasks wait for the scheduler's janitor).
// Slots in epoch ms, as homelab_ollama_samples.slot.

const CLAIMS = 'homelab_ollama_sampler_claims';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable(CLAIMS, table => {
    table
      .bigInteger('slot')
      .primary()
      .comment('start of the sampler interval claimed, epoch ms');
    table
      .bigInteger('claimed_at')
      .notNullable()
      .comment('when the claim was made, epoch ms');
    table
      .string('claimant', 255)
      .notNullable()
      .comment('the replica that claimed it: host name and process id');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable(CLAIMS);
};
