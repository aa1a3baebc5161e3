import { sql, type Kysely } from 'kysely';

/**
 * What the MES knows of other systems, kept fresh by events, so shop-floor reports are checked
 * locally even when ERP or quality are down: released orders with their BOM lines in base units,
 * the unit conversions of their components, and lots with their item, quantity and quality status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_context')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('order_number', 'text', (c) => c.notNull().unique())
    .addColumn('plant_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_number', 'text', (c) => c.notNull())
    .addColumn('planned_quantity', 'numeric', (c) => c.notNull())
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('item_revision_id', 'text', (c) => c.notNull())
    .addColumn('bom_id', 'text', (c) => c.notNull())
    .addColumn('routing_id', 'text', (c) => c.notNull())
    // Produced lots start in QUARANTINE when the routing ends in a final inspection.
    .addColumn('final_inspection', 'boolean', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('order_component')
    .addColumn('order_id', 'text', (c) => c.notNull().references('order_context.order_id'))
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_number', 'text', (c) => c.notNull())
    .addColumn('base_uom', 'text', (c) => c.notNull())
    .addColumn('quantity_per_base', 'numeric', (c) => c.notNull())
    .addColumn('required_quantity', 'numeric', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_component_pkey', ['order_id', 'line_number'])
    .execute();

  await db.schema
    .createTable('item_unit')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    .addColumn('base_uom', 'text', (c) => c.notNull())
    // [{ fromUom, toUom, factor }]: 1 fromUom = factor toUom.
    .addColumn('conversions', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('lot_stock')
    .addColumn('lot_id', 'text', (c) => c.primaryKey())
    // Null while the MES knows only the lot's quality status (from an event), not the lot.
    .addColumn('lot_number', 'text', (c) => c.unique())
    .addColumn('item_id', 'text')
    .addColumn('available_quantity', 'numeric', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`available_quantity >= 0`),
    )
    .addColumn('uom', 'text')
    .addColumn('quality_status', 'text', (c) =>
      c.check(sql`quality_status in ('RELEASED','QUARANTINE','ON_HOLD','REJECTED')`),
    )
    // The quality revision of the status held here: an older status event changes nothing.
    .addColumn('status_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lot_stock', 'item_unit', 'order_component', 'order_context']) {
    await db.schema.dropTable(table).execute();
  }
}
