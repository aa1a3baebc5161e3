import pg from 'pg';
import { sql } from 'kysely';
import { readCommonConfig } from '../src/config.ts';
import { pino } from 'pino';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';

// Connections the server can end from outside exist only on a PostgreSQL server (PGlite runs in
// this process): CI runs this file on both.
const onServer = readCommonConfig(process.env).database.kind === 'postgres';

(onServer ? describe : describe.skip)('a database on a PostgreSQL server', () => {
  let database: TestDatabase;
  const reported: string[] = [];

  beforeAll(async () => {
    const log = pino({ level: 'warn' }, { write: (line: string) => reported.push(line) });
    database = await openTestDatabase({ log });
  });

  afterAll(async () => {
    await database?.destroy();
  });

  it('outlives the server ending its idle connections, and the next query opens a new one', async () => {
    const root = database.handle.root;
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(root)));
    const admin = new pg.Client({ connectionString: database.url ?? '' });
    await admin.connect();
    try {
      const ended = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid()`,
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reported.join('')).toContain('an idle database connection failed');
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(root);
    expect(rows).toEqual([{ ok: 1 }]);
  });
});
