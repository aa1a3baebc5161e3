import { sql, type Kysely } from 'kysely';

/** Shop-floor execution of released orders: operations in routing sequence, produced lots. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('execution')
    // One execution record per released order (the order id is erp's).
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('plant_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('NOT_STARTED','IN_PROGRESS','COMPLETED')`),
    )
    .addColumn('started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('good_quantity', 'numeric', (c) => c.notNull().defaultTo(0))
    .addColumn('scrap_quantity', 'numeric', (c) => c.notNull().defaultTo(0))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('operation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('execution.order_id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('operation_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('work_center', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('PENDING','IN_PROGRESS','COMPLETED')`),
    )
    .addColumn('planned_quantity', 'numeric', (c) => c.notNull())
    .addColumn('good_quantity', 'numeric', (c) => c.notNull().defaultTo(0))
    .addColumn('scrap_quantity', 'numeric', (c) => c.notNull().defaultTo(0))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('requires_inspection', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Operations run in routing sequence; a sequence appears once per order.
    .addUniqueConstraint('operation_order_sequence_key', ['order_id', 'sequence'])
    .addCheckConstraint(
      'operation_quantities_check',
      sql`good_quantity >= 0 and scrap_quantity >= 0`,
    )
    .execute();

  await db.schema
    .createTable('lot_production')
    // The lot id is genealogy's; the MES records which order produced it.
    .addColumn('lot_id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('execution.order_id'))
    .addColumn('produced_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lot_production_order_idx')
    .on('lot_production')
    .column('order_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lot_production', 'operation', 'execution']) {
    await db.schema.dropTable(table).execute();
  }
}
