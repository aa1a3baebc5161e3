import { sql, type Kysely } from 'kysely';

/** What the MES reported: operation events by its own sequence numbers, consumptions, completions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operation_event')
    .addColumn('operation_id', 'text', (c) => c.notNull().references('operation.id'))
    // The MES's own number for the report; a repeat is answered from here, an older one is stale.
    .addColumn('event_sequence', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('START','PROGRESS','COMPLETE')`),
    )
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('operation_event_pkey', ['operation_id', 'event_sequence'])
    .execute();

  await db.schema
    .createTable('completion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('execution.order_id'))
    .addColumn('lot_id', 'text')
    .addColumn('good_quantity', 'numeric', (c) => c.notNull().check(sql`good_quantity >= 0`))
    .addColumn('scrap_quantity', 'numeric', (c) => c.notNull().check(sql`scrap_quantity >= 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('final', 'boolean', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('completion_order_idx')
    .on('completion')
    .columns(['order_id', 'completed_at'])
    .execute();

  await db.schema
    .createTable('consumption')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('execution.order_id'))
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('lot_number', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    // In the item's base unit, converted from what the MES entered.
    .addColumn('quantity', 'numeric', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('entered_quantity', 'numeric', (c) => c.notNull())
    .addColumn('entered_uom', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('operation_sequence', 'integer')
    // The completion whose lot this input went into; null until the next completion.
    .addColumn('completion_id', 'text', (c) => c.references('completion.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // A completion links the order's consumptions not yet linked.
  await db.schema
    .createIndex('consumption_order_idx')
    .on('consumption')
    .columns(['order_id', 'completion_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['consumption', 'completion', 'operation_event']) {
    await db.schema.dropTable(table).execute();
  }
}
