import { sql, type Kysely } from 'kysely';
import { migrateToLatest, type MigrationIndex, type RootDatabase } from '@plantgraph/platform';
import { migrations as erpMigrations } from '../../../subgraphs/erp/src/db/migrations/index.ts';
import { erpDb } from '../../../subgraphs/erp/src/db/erp-db.ts';
import { migrations as genealogyMigrations } from '../../../subgraphs/genealogy/src/db/migrations/index.ts';
import { genealogyDb } from '../../../subgraphs/genealogy/src/db/genealogy-db.ts';
import { migrations as mesMigrations } from '../../../subgraphs/mes/src/db/migrations/index.ts';
import { migrations as qualityMigrations } from '../../../subgraphs/quality/src/db/migrations/index.ts';

/** Every subgraph's PostgreSQL schema with its migrations, in dependency-free order. */
export const SUBGRAPH_SCHEMAS: readonly {
  readonly schema: string;
  readonly migrations: MigrationIndex;
}[] = [
  { schema: 'erp', migrations: erpMigrations },
  { schema: 'mes', migrations: mesMigrations },
  { schema: 'quality', migrations: qualityMigrations },
  { schema: 'genealogy', migrations: genealogyMigrations },
];

/** Runs every subgraph's pending migrations; returns what ran, as `schema/migration`. */
export async function migrateAll(root: Kysely<RootDatabase>): Promise<string[]> {
  const applied: string[] = [];
  for (const { schema, migrations } of SUBGRAPH_SCHEMAS) {
    for (const name of await migrateToLatest(root, schema, migrations))
      applied.push(`${schema}/${name}`);
  }
  return applied;
}

/** True when the migrated database holds no plant, no item and no lot. */
export async function isEmpty(root: Kysely<RootDatabase>): Promise<boolean> {
  const erp = erpDb(root);
  // One after the other: inside a transaction they share a single connection.
  const plant = await erp.selectFrom('plant').select('id').limit(1).executeTakeFirst();
  const item = await erp.selectFrom('item').select('id').limit(1).executeTakeFirst();
  const lot = await genealogyDb(root).selectFrom('lot').select('id').limit(1).executeTakeFirst();
  return plant === undefined && item === undefined && lot === undefined;
}

/** Drops the four subgraph schemas with everything in them (migration history included). */
export async function dropAll(root: Kysely<RootDatabase>): Promise<void> {
  for (const { schema } of [...SUBGRAPH_SCHEMAS].reverse()) {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(root);
  }
}
