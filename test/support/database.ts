import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { BACKGROUND_SQL_MARK } from '@plantgraph/events';
import {
  openDatabase,
  readCommonConfig,
  type DatabaseHandle,
  type OpenDatabaseOptions,
} from '@plantgraph/platform';

/** A database for one test suite, dropped by `destroy`. */
export interface TestDatabase {
  readonly handle: DatabaseHandle;
  /** The URL of the suite's own database on a PostgreSQL server; null on PGlite. */
  readonly url: string | null;
  destroy(): Promise<void>;
}

/**
 * With DATABASE_URL set, a fresh database on that server (created here, dropped on destroy);
 * otherwise an in-memory PGlite. Either way, real PostgreSQL.
 */
export async function openTestDatabase(requested: OpenDatabaseOptions = {}): Promise<TestDatabase> {
  // `onQuery` sees the statements the test's requests cause, not the event backbone's own
  // background polling, which runs whatever the test does.
  const onQuery = requested.onQuery;
  const options: OpenDatabaseOptions = onQuery
    ? {
        ...requested,
        onQuery: (sql) => {
          if (!sql.includes(BACKGROUND_SQL_MARK)) onQuery(sql);
        },
      }
    : requested;
  const config = readCommonConfig(process.env);
  if (config.database.kind === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null, reset: false }, options);
    return { handle, url: null, destroy: () => handle.close() };
  }
  const serverUrl = config.database.url;
  const name = `plantgraph_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase(
    { kind: 'postgres', url: url.toString(), poolSize: 10 },
    options,
  );
  return {
    handle,
    url: url.toString(),
    destroy: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      // The pool's end resolves before its connections have closed; forcing the drop while one
      // is closing makes that pool report an unhandled error (57P01) later, in some other test.
      for (let waited = 0; waited < 2000; waited += 20) {
        const { rows } = await cleanup.query<{ open: number }>(
          'select count(*)::int as open from pg_stat_activity where datname = $1',
          [name],
        );
        if ((rows[0]?.open ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
