import type { Kysely } from 'kysely';

/**
 * The order in which ERP applied its postings: with store-and-forward, postings made from
 * events that waited out an outage arrive late, and "in order per order" must be checkable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('goods_movement')
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('goods_movement_order_seq_idx')
    .on('goods_movement')
    .columns(['order_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('goods_movement_order_seq_idx').execute();
  await db.schema.alterTable('goods_movement').dropColumn('seq').execute();
}
