// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('homelab_ollama_samples', table => {
    table.comment('Readings of Ollama and its pod, one per sampler run');
    table.bigIncrements('id').primary();
    table.bigInteger('sampled_at').notNullable().index().comment('epoch ms');
    table.boolean('reachable').notNullable();
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.text('data').notNullable().comment('the sample as JSON');
  });
  await knex.schema.createTable('homelab_ollama_probes', table => {
    table.comment('Results of the opt-in throughput probe');
    table.bigIncrements('id').primary();
    table.bigInteger('probed_at').notNullable().index().comment('epoch ms');
    table.string('model').notNullable();
    table.double('tokens_per_second').nullable();
    table.text('error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('homelab_ollama_probes');
  await knex.schema.dropTable('homelab_ollama_samples');
};
