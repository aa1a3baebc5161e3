import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
export async function openTestDatabase(options: OpenDatabaseOptions = {}): Promise<TestDatabase> {
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
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
