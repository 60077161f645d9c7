import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

/**
 * The databases a store test runs on: PostgreSQL 15 (what production runs)
 * and SQLite (what `npm start` runs). PostgreSQL comes from
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, which `npm test` sets
 * when the machine's server answers pg_isready. No container engine runs
 * here, so docker is off: without the variable TestDatabases itself leaves
 * PostgreSQL out and the cases run on SQLite alone.
 *
 * Call at the top of a test file or describe block (it registers afterAll).
 */
export function testDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];
  return TestDatabases.create({ ids, disableDocker: true });
}

/** A fresh empty database of the given kind, as the plugin's database service. */
export async function databaseService(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<DatabaseService & { knex: Knex }> {
  const knex = await databases.init(id);
  return { knex, getClient: async () => knex };
}
