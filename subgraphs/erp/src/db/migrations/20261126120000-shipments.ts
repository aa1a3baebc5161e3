import { sql, type Kysely } from 'kysely';

/** Customers, and shipments that deliver finished lots to them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('shipment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customer.id'))
    .addColumn('plant_id', 'text', (c) => c.notNull().references('plant.id'))
    .addColumn('shipped_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A customer's shipments, newest first, paged by (shipped_at, id).
  await db.schema
    .createIndex('shipment_customer_idx')
    .on('shipment')
    .columns(['customer_id', 'shipped_at', 'id'])
    .execute();

  await db.schema
    .createTable('shipment_line')
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipment.id'))
    .addColumn('line_number', 'integer', (c) => c.notNull())
    // The lot id is genealogy's, as in batch: no foreign key across subgraphs.
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'numeric', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipment_line_pkey', ['shipment_id', 'line_number'])
    .execute();
  // A recall asks which shipments carried its lots.
  await db.schema
    .createIndex('shipment_line_lot_idx')
    .on('shipment_line')
    .column('lot_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shipment_line').execute();
  await db.schema.dropTable('shipment').execute();
  await db.schema.dropTable('customer').execute();
}
