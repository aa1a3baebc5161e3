import type { OpenDatabaseOptions } from '@plantgraph/platform';
import { migrateAll, seedDemo } from '@plantgraph/seed';
import { openTestDatabase, type TestDatabase } from './database.ts';

/** A fresh test database, migrated, with the demo plant loaded. */
export async function openDemoDatabase(options: OpenDatabaseOptions = {}): Promise<TestDatabase> {
  const database = await openTestDatabase(options);
  await migrateAll(database.handle.root);
  await seedDemo(database.handle.root);
  return database;
}
