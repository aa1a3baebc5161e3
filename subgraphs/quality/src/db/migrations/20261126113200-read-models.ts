import { sql, type Kysely } from 'kysely';

/**
 * What quality knows of other systems, kept fresh by events: the inspections each released order's
 * routing calls for (from `order.released`), and lots by number (from genealogy and the MES).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inspection_point')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('operation_id', 'text', (c) => c.notNull())
    .addColumn('operation_code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('IN_PROCESS','FINAL')`))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('inspection_plan.id'))
    .addColumn('item_revision_id', 'text', (c) => c.notNull())
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_point_pkey', ['order_id', 'sequence'])
    .execute();

  await db.schema
    .createTable('lot_ref')
    .addColumn('lot_id', 'text', (c) => c.primaryKey())
    .addColumn('lot_number', 'text', (c) => c.notNull().unique())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('plant_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lot_ref').execute();
  await db.schema.dropTable('inspection_point').execute();
}
