import { sql, type Kysely } from 'kysely';

/** Lots and the links between them: which lots went into which. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('plant_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'numeric', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('PURCHASED','PRODUCED')`))
    // The order that produced the lot (erp's id); null for purchased lots.
    .addColumn('order_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('lot_item_idx').on('lot').columns(['item_id', 'number']).execute();
  await db.schema.createIndex('lot_order_idx').on('lot').column('order_id').execute();

  await db.schema
    .createTable('lot_link')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // parent = the input lot consumed; child = the lot produced from it.
    .addColumn('parent_lot_id', 'text', (c) => c.notNull().references('lot.id'))
    .addColumn('child_lot_id', 'text', (c) => c.notNull().references('lot.id'))
    .addColumn('quantity', 'numeric', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('lot_link_not_self_check', sql`parent_lot_id <> child_lot_id`)
    .execute();
  // Both trace directions walk these.
  await db.schema
    .createIndex('lot_link_parent_idx')
    .on('lot_link')
    .columns(['parent_lot_id', 'linked_at'])
    .execute();
  await db.schema
    .createIndex('lot_link_child_idx')
    .on('lot_link')
    .columns(['child_lot_id', 'linked_at'])
    .execute();
  await db.schema.createIndex('lot_link_order_idx').on('lot_link').column('order_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lot_link').execute();
  await db.schema.dropTable('lot').execute();
}
