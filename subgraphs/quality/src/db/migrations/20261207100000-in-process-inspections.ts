import { sql, type Kysely } from 'kysely';

/** The schema this migration runs in (the quality subgraph's). */
const SCHEMA = 'quality';

/**
 * In-process inspections, opened when the MES reports an inspected operation completed: before the
 * order has produced a lot, such an inspection (and the nonconformance its failure raises) stands
 * against the order and operation alone. Quality also keeps the orders whose release it applied
 * (which operations it inspects, the order's plant) and when each lot last received output (the
 * lot an order is producing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('inspection')
    .alterColumn('lot_id', (c) => c.dropNotNull())
    .execute();
  // An inspection is of a lot, or of an order's operation before there is a lot.
  await db.schema
    .alterTable('inspection')
    .addCheckConstraint('inspection_subject_check', sql`lot_id is not null or order_id is not null`)
    .execute();
  // The in-process inspection an operation's completion opened.
  await db.schema
    .createIndex('inspection_operation_idx')
    .on('inspection')
    .column('operation_id')
    .execute();

  await db.schema
    .alterTable('nonconformance')
    .alterColumn('lot_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('nonconformance')
    .addColumn('order_id', 'text')
    .addColumn('operation_id', 'text')
    .execute();
  await db.schema
    .alterTable('nonconformance')
    .addCheckConstraint(
      'nonconformance_subject_check',
      sql`lot_id is not null or order_id is not null`,
    )
    .execute();
  // Open nonconformances raised against an order before it made a lot hold the lots it makes.
  await db.schema
    .createIndex('nonconformance_order_idx')
    .on('nonconformance')
    .column('order_id')
    .execute();
  // Raw SQL is not scoped by withSchema: the tables are named with their schema.
  await sql`
    update ${sql.table(`${SCHEMA}.nonconformance`)} n
    set order_id = i.order_id, operation_id = i.operation_id
    from ${sql.table(`${SCHEMA}.inspection`)} i
    where i.id = n.inspection_id`.execute(db);

  await db.schema
    .createTable('released_order')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    // Null for orders released before quality kept this record (their plant is not known here).
    .addColumn('plant_id', 'text')
    .addColumn('item_revision_id', 'text', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`
    insert into ${sql.table(`${SCHEMA}.released_order`)} (order_id, plant_id, item_revision_id, released_at)
    select distinct on (order_id) order_id, null, item_revision_id, planned_at
    from ${sql.table(`${SCHEMA}.inspection_point`)}
    order by order_id, planned_at`.execute(db);

  await db.schema.alterTable('lot_ref').addColumn('last_produced_at', 'timestamptz').execute();
  // The lot an order is producing: its lot that received output last.
  await db.schema
    .createIndex('lot_ref_order_idx')
    .on('lot_ref')
    .columns(['order_id', 'last_produced_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('lot_ref_order_idx').execute();
  await db.schema.alterTable('lot_ref').dropColumn('last_produced_at').execute();
  await db.schema.dropTable('released_order').execute();
  await db.schema.dropIndex('nonconformance_order_idx').execute();
  await db.schema
    .alterTable('nonconformance')
    .dropConstraint('nonconformance_subject_check')
    .execute();
  await db.schema
    .alterTable('nonconformance')
    .dropColumn('operation_id')
    .dropColumn('order_id')
    .execute();
  await db.schema
    .alterTable('nonconformance')
    .alterColumn('lot_id', (c) => c.setNotNull())
    .execute();
  await db.schema.dropIndex('inspection_operation_idx').execute();
  await db.schema.alterTable('inspection').dropConstraint('inspection_subject_check').execute();
  await db.schema
    .alterTable('inspection')
    .alterColumn('lot_id', (c) => c.setNotNull())
    .execute();
}
