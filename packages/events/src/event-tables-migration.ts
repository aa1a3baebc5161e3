import { sql, type Kysely } from 'kysely';

/**
 * Creates the outbox, processed-event, aggregate-position and dead-letter tables in the schema
 * `db` is scoped to. Each subgraph calls it from one of its own migrations.
 */
export async function createEventTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('aggregate_version', 'integer', (c) => c.notNull())
    .addColumn('plant', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('causation_id', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .execute();
  // The relay reads only what is still unpublished, in insertion order.
  await db.schema
    .createIndex('outbox_unpublished_idx')
    .on('outbox')
    .column('seq')
    .where(sql.ref('published_at'), 'is', null)
    .execute();
  // The trail of one correlation id across subgraphs.
  await db.schema
    .createIndex('outbox_correlation_idx')
    .on('outbox')
    .column('correlation_id')
    .execute();

  await db.schema
    .createTable('processed_event')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_event_pkey', ['consumer', 'event_id'])
    .execute();

  await db.schema
    .createTable('aggregate_position')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('aggregate_position_pkey', [
      'consumer',
      'aggregate_type',
      'aggregate_id',
    ])
    .execute();

  await db.schema
    .createTable('dead_letter')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('envelope', 'jsonb', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('first_failed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_failed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('replayed_at', 'timestamptz')
    // One open dead letter per consumer and event; a replay that fails again updates it.
    .addUniqueConstraint('dead_letter_consumer_event_key', ['consumer', 'event_id'])
    .execute();
  await db.schema
    .createIndex('dead_letter_failed_idx')
    .on('dead_letter')
    .columns(['last_failed_at', 'id'])
    .execute();
  await db.schema
    .createIndex('dead_letter_correlation_idx')
    .on('dead_letter')
    .column('correlation_id')
    .execute();
}
