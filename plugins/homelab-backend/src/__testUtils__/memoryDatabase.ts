import type { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { type Knex } from 'knex';

const open: Knex[] = [];

/** An in-memory SQLite database service, one per test; close with closeMemoryDatabases. */
export function memoryDatabase(): DatabaseService & { knex: Knex } {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  open.push(knex);
  return { knex, getClient: async () => knex };
}

/** Destroys the databases memoryDatabase opened; their pools keep timers running otherwise. */
export async function closeMemoryDatabases() {
  await Promise.all(open.splice(0).map(k => k.destroy()));
}
