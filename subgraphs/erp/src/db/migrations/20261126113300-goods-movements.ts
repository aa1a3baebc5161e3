import { sql, type Kysely } from 'kysely';

/** Goods issues (consumption) and receipts (production) ERP posts against orders from MES events. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('goods_movement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('GOODS_ISSUE','GOODS_RECEIPT')`),
    )
    .addColumn('order_id', 'text', (c) => c.notNull().references('production_order.id'))
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull().references('item.id'))
    .addColumn('quantity', 'numeric', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('uom', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    // One posting per MES event and movement type: a redelivered event posts nothing twice.
    .addColumn('source_event_id', 'uuid', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('goods_movement_source_key', ['source_event_id', 'type'])
    .execute();
  await db.schema
    .createIndex('goods_movement_order_idx')
    .on('goods_movement')
    .columns(['order_id', 'posted_at'])
    .execute();
  await db.schema
    .createIndex('goods_movement_lot_idx')
    .on('goods_movement')
    .column('lot_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('goods_movement').execute();
}
