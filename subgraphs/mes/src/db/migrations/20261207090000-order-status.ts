import { sql, type Kysely } from 'kysely';

/**
 * ERP's status of each order the MES runs, kept fresh by `order.released` and
 * `order.status.changed`: shop-floor reports are refused on an order held, cancelled or closed,
 * checked locally so the MES keeps working while ERP is down. No row means released and open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_status')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('CREATED','RELEASED','IN_PROGRESS','COMPLETED','CLOSED','CANCELLED','ON_HOLD')`,
        ),
    )
    .addColumn('reason', 'text')
    // ERP's revision of the order: an older status never overwrites a newer one.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('order_status').execute();
}
