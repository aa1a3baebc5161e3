import { sql, type Kysely } from 'kysely';

/** Master data (plants, suppliers, items with effective-dated revisions, BOMs, routings), orders, batches. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supplier')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('base_uom', 'text', (c) => c.notNull())
    .addColumn('tracking', 'text', (c) =>
      c.notNull().check(sql`tracking in ('LOT','SERIAL','NONE')`),
    )
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('RAW_MATERIAL','SUBASSEMBLY','FINISHED_GOOD')`),
    )
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('item_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('item.id'))
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('change_number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('DRAFT','RELEASED','OBSOLETE')`),
    )
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('effective_to', 'timestamptz')
    .addUniqueConstraint('item_revision_item_revision_key', ['item_id', 'revision'])
    .addCheckConstraint(
      'item_revision_range_check',
      sql`effective_to is null or effective_to > effective_from`,
    )
    .execute();

  await db.schema
    .createTable('bom')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // One BOM per item revision: an engineering change carries its own BOM.
    .addColumn('item_revision_id', 'text', (c) =>
      c.notNull().unique().references('item_revision.id'),
    )
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('DRAFT','RELEASED','OBSOLETE')`),
    )
    .addColumn('base_quantity', 'numeric', (c) => c.notNull())
    .addColumn('base_uom', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bom_line')
    .addColumn('bom_id', 'text', (c) => c.notNull().references('bom.id'))
    .addColumn('line_number', 'integer', (c) => c.notNull())
    .addColumn('component_item_id', 'text', (c) => c.notNull().references('item.id'))
    .addColumn('quantity', 'numeric', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bom_line_pkey', ['bom_id', 'line_number'])
    .execute();
  // Where-used: which BOMs use a component.
  await db.schema
    .createIndex('bom_line_component_idx')
    .on('bom_line')
    .column('component_item_id')
    .execute();

  await db.schema
    .createTable('routing')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_revision_id', 'text', (c) =>
      c.notNull().unique().references('item_revision.id'),
    )
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('DRAFT','RELEASED','OBSOLETE')`),
    )
    .execute();

  await db.schema
    .createTable('routing_step')
    .addColumn('routing_id', 'text', (c) => c.notNull().references('routing.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('operation_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('work_center', 'text', (c) => c.notNull())
    .addColumn('standard_minutes', 'numeric', (c) => c.notNull())
    .addColumn('requires_inspection', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('routing_step_pkey', ['routing_id', 'sequence'])
    .execute();

  await db.schema
    .createTable('unit_conversion')
    .addColumn('item_id', 'text', (c) => c.notNull().references('item.id'))
    .addColumn('from_uom', 'text', (c) => c.notNull())
    .addColumn('to_uom', 'text', (c) => c.notNull())
    .addColumn('factor', 'numeric', (c) => c.notNull().check(sql`factor > 0`))
    .addPrimaryKeyConstraint('unit_conversion_pkey', ['item_id', 'from_uom', 'to_uom'])
    .execute();

  await db.schema
    .createTable('production_order')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('plant_id', 'text', (c) => c.notNull().references('plant.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('item.id'))
    .addColumn('planned_quantity', 'numeric', (c) => c.notNull().check(sql`planned_quantity > 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('CREATED','RELEASED','IN_PROGRESS','COMPLETED','CLOSED','CANCELLED','ON_HOLD')`,
        ),
    )
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz')
    .addColumn('pinned_item_revision_id', 'text', (c) => c.references('item_revision.id'))
    .addColumn('pinned_bom_id', 'text', (c) => c.references('bom.id'))
    .addColumn('pinned_routing_id', 'text', (c) => c.references('routing.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Dashboards list orders by status and plant.
  await db.schema
    .createIndex('production_order_status_idx')
    .on('production_order')
    .columns(['status', 'number'])
    .execute();
  await db.schema
    .createIndex('production_order_plant_idx')
    .on('production_order')
    .columns(['plant_id', 'number'])
    .execute();
  await db.schema
    .createIndex('production_order_item_idx')
    .on('production_order')
    .columns(['item_id', 'number'])
    .execute();

  await db.schema
    .createTable('batch')
    // The lot id is genealogy's; ERP keeps its batch master data under the same id.
    .addColumn('lot_id', 'text', (c) => c.primaryKey())
    .addColumn('plant_id', 'text', (c) => c.notNull().references('plant.id'))
    .addColumn('supplier_id', 'text', (c) => c.references('supplier.id'))
    .addColumn('supplier_lot_number', 'text')
    .addColumn('manufactured_on', 'date')
    .addColumn('expires_on', 'date')
    .addColumn('stock_quantity', 'numeric', (c) => c.notNull().check(sql`stock_quantity >= 0`))
    .addColumn('stock_uom', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A recall starts from the supplier's lot number.
  await db.schema
    .createIndex('batch_supplier_lot_idx')
    .on('batch')
    .column('supplier_lot_number')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'batch',
    'production_order',
    'unit_conversion',
    'routing_step',
    'routing',
    'bom_line',
    'bom',
    'item_revision',
    'item',
    'supplier',
    'plant',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
