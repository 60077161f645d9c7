import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  maintenanceConnection,
  startupLockName,
  startWithStartupLock,
} from './startupLock';

describe('the startup lock', () => {
  it('connects to the maintenance database, from a URL or from fields', () => {
    const url = new ConfigReader({
      backend: {
        database: {
          client: 'pg',
          connection: 'postgresql://portal:pw@db:5432/backstage',
        },
      },
    });
    expect(maintenanceConnection(url)).toEqual({
      connectionString: 'postgresql://portal:pw@db:5432/postgres',
    });
    const fields = new ConfigReader({
      backend: {
        database: {
          client: 'pg',
          connection: { host: 'db', user: 'portal', database: 'backstage' },
        },
      },
    });
    expect(maintenanceConnection(fields)).toEqual({
      host: 'db',
      user: 'portal',
      database: 'postgres',
    });
  });

  it('names the lock after the database prefix', () => {
    expect(startupLockName(new ConfigReader({}))).toBe(
      'homelab-portal-start:backstage_plugin_',
    );
    expect(
      startupLockName(
        new ConfigReader({ backend: { database: { prefix: 'portal_' } } }),
      ),
    ).toBe('homelab-portal-start:portal_');
  });

  it('starts at once on SQLite, without a database connection', async () => {
    const start = jest.fn(async () => {});
    await startWithStartupLock(start, {
      config: new ConfigReader({
        backend: {
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
      }),
      logger: mockServices.logger.mock(),
    });
    expect(start).toHaveBeenCalledTimes(1);
  });

  // On PostgreSQL where the machine has one: `npm test` sets the variable when it answers, as
  // for TestDatabases, which likewise leaves PostgreSQL out without it.
  const pgUrl =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pgUrl) return;
  describe('on PostgreSQL', () => {
    const config = new ConfigReader({
      backend: {
        database: {
          client: 'pg',
          connection: pgUrl ?? '',
          prefix: `startup_lock_test_${process.pid}_`,
        },
      },
    });

    it('lets a second replica start only once the first has, logging one line while it waits', async () => {
      const events: string[] = [];
      let finishFirst = () => {};
      let firstStarting = () => {};
      const firstStarted = new Promise<void>(r => (firstStarting = r));
      const first = startWithStartupLock(
        async () => {
          events.push('a starts');
          firstStarting();
          await new Promise<void>(r => (finishFirst = r));
          events.push('a started');
        },
        { config, logger: mockServices.logger.mock() },
      );
      await firstStarted;
      const logger = mockServices.logger.mock();
      const waited = new Promise<void>(resolve =>
        logger.info.mockImplementation(() => resolve()),
      );
      const second = startWithStartupLock(
        async () => {
          events.push('b starts');
        },
        { config, logger },
      );
      await waited;
      expect(events).toEqual(['a starts']);
      finishFirst();
      await Promise.all([first, second]);
      expect(events).toEqual(['a starts', 'a started', 'b starts']);
      expect(logger.info).toHaveBeenCalledTimes(1);
      expect(logger.info.mock.calls[0][0]).toMatch(
        /^Waiting for another replica to finish starting/,
      );
    });

    it('releases the lock when the start fails', async () => {
      const logger = mockServices.logger.mock();
      await expect(
        startWithStartupLock(
          async () => {
            throw new Error('migration failed');
          },
          { config, logger },
        ),
      ).rejects.toThrow('migration failed');
      const start = jest.fn(async () => {});
      await startWithStartupLock(start, { config, logger });
      expect(start).toHaveBeenCalledTimes(1);
      expect(logger.info).not.toHaveBeenCalled();
    });
  });
});
