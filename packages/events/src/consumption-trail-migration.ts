import { sql, type Kysely } from 'kysely';

/**
 * Adds what the correlation trail needs to `processed_event` (event type, source, correlation
 * id, aggregate and outcome). Each subgraph calls it from one of its own migrations, after
 * `createEventTables`. No consumer wrote to the table before these columns existed, so they are
 * required from the start.
 */
export async function addConsumptionTrail(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('processed_event')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('aggregate_version', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('applied', 'stale')`))
    .execute();
  // The trail of one correlation id across subgraphs.
  await db.schema
    .createIndex('processed_event_correlation_idx')
    .on('processed_event')
    .column('correlation_id')
    .execute();
}

/** Reverts `addConsumptionTrail` (a migration's `down`). */
export async function dropConsumptionTrail(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('processed_event_correlation_idx').execute();
  await db.schema
    .alterTable('processed_event')
    .dropColumn('event_type')
    .dropColumn('source')
    .dropColumn('correlation_id')
    .dropColumn('aggregate_type')
    .dropColumn('aggregate_id')
    .dropColumn('aggregate_version')
    .dropColumn('outcome')
    .execute();
}
