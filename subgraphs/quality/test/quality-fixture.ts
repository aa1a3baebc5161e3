import { sql, type RawBuilder } from 'kysely';
import { createLogger, type OpenDatabaseOptions, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { qualityDb, type QualityDb } from '../src/db/quality-db.ts';
import { startQuality } from '../src/server.ts';

/** A quality subgraph on its own database, served over HTTP on a free port. */
export interface QualityFixture {
  readonly database: TestDatabase;
  readonly quality: RunningSubgraph;
  /** Direct access to the quality schema, for seeding. */
  readonly db: QualityDb;
  close(): Promise<void>;
}

export async function startQualityFixture(
  options: OpenDatabaseOptions = {},
): Promise<QualityFixture> {
  const database = await openTestDatabase(options);
  const quality = await startQuality({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('quality', 'silent'),
  });
  return {
    database,
    quality,
    db: qualityDb(database.handle.root),
    close: async () => {
      await quality.close();
      await database.destroy();
    },
  };
}

/** A timestamptz literal keeping all of its microseconds (a JavaScript Date would drop them). */
export function at(iso: string): RawBuilder<Date> {
  return sql<Date>`cast(${iso} as timestamptz)`;
}
