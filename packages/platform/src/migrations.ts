import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import type { RootDatabase } from './database.ts';

/** A service's migrations, in the order they were written (keys are timestamp-prefixed). */
export type MigrationIndex = Readonly<Record<string, Migration>>;

function migratorFor(root: Kysely<RootDatabase>, schema: string, migrations: MigrationIndex) {
  return new Migrator({
    db: root.withSchema(schema),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableSchema: schema,
  });
}

/** Thrown when a migration fails; names the migration and keeps the database error as cause. */
export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/** Brings `schema` up to the newest migration; safe to run concurrently from several processes. */
export async function migrateToLatest(
  root: Kysely<RootDatabase>,
  schema: string,
  migrations: MigrationIndex,
): Promise<string[]> {
  await root.schema.createSchema(schema).ifNotExists().execute();
  const result: MigrationResultSet = await migratorFor(root, schema, migrations).migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`migration ${schema}/${failed} failed`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every migration of `schema` has run. */
export async function isMigrated(
  root: Kysely<RootDatabase>,
  schema: string,
  migrations: MigrationIndex,
): Promise<boolean> {
  const known = await migratorFor(root, schema, migrations).getMigrations();
  return known.every((m) => m.executedAt !== undefined);
}
