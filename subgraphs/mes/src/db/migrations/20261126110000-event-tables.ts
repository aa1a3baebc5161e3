import type { Kysely } from 'kysely';
import { createEventTables } from '@plantgraph/events';

/** Outbox, processed events, aggregate positions and dead letters of this subgraph. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createEventTables(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['dead_letter', 'aggregate_position', 'processed_event', 'outbox']) {
    await db.schema.dropTable(table).execute();
  }
}
