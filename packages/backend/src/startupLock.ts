import type { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import pg from 'pg';

/** The maintenance database every PostgreSQL server has; the lock lives there, not in a plugin's. */
const MAINTENANCE_DATABASE = 'postgres';

/** Connection settings for the maintenance database of `backend.database` on PostgreSQL. */
export function maintenanceConnection(config: Config): pg.ClientConfig {
  const connection = config.get('backend.database.connection');
  if (typeof connection === 'string') {
    const url = new URL(connection);
    url.pathname = `/${MAINTENANCE_DATABASE}`;
    return { connectionString: url.toString() };
  }
  const { database: _plugin, ...rest } = connection as pg.ClientConfig;
  return { ...rest, database: MAINTENANCE_DATABASE };
}

/**
 * The lock's name: one per database prefix, so the replicas of one portal wait
 * for each other and another portal on the same server (a test's) does not.
 */
export function startupLockName(config: Config): string {
  const prefix =
    config.getOptionalString('backend.database.prefix') ?? 'backstage_plugin_';
  return `homelab-portal-start:${prefix}`;
}

/**
 * Runs `start` (the backend's start) while holding a session advisory lock on
 * PostgreSQL, so two replicas started together on an empty database take
 * turns: the second begins once the first has created the plugins' databases
 * and run their migrations, which Backstage's plugins do not guard against a
 * second process doing at the same time (knex refuses a locked migration table
 * at once; CREATE DATABASE fails for the slower one). The lock is released
 * once `start` settles, and by PostgreSQL when the process dies holding it.
 * On SQLite (one process) `start` runs as it is.
 */
export async function startWithStartupLock<T>(
  start: () => Promise<T>,
  options: { config?: Config; logger?: LoggerService } = {},
): Promise<T> {
  const config =
    options.config ??
    (await ConfigSources.toConfig(ConfigSources.default({ watch: false })));
  if (config.getOptionalString('backend.database.client') !== 'pg') {
    return start();
  }
  const logger =
    options.logger ??
    WinstonLogger.create({
      meta: { service: 'backstage', component: 'startup-lock' },
    });
  const name = startupLockName(config);
  const client = new pg.Client(maintenanceConnection(config));
  // A dropped lock session must not crash the start; the lock is then gone, nothing else.
  client.on('error', error =>
    logger.warn(`The startup lock's database session failed: ${error.message}`),
  );
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [name],
    );
    if (!rows[0].locked) {
      logger.info(
        `Waiting for another replica to finish starting (PostgreSQL advisory lock "${name}"), so the two do not run the plugins' migrations at the same time`,
      );
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    }
    return await start();
  } finally {
    // Ending the session releases the lock; no unlock call needed.
    await client.end().catch(() => {});
  }
}
