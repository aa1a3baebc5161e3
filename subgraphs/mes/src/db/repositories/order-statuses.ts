import { sql } from 'kysely';
import type { MesDb } from '../mes-db.ts';
import type { NewOrderStatusRow, OrderStatusRow } from '../tables/order-status.ts';

/**
 * Records ERP's status of an order unless a newer one (a higher ERP revision) is already there:
 * the release and later changes arrive through different consumers, in any order.
 */
export async function applyOrderStatus(db: MesDb, row: NewOrderStatusRow): Promise<void> {
  await db
    .insertInto('order_status')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('order_id')
        .doUpdateSet({
          status: (eb) => eb.ref('excluded.status'),
          reason: (eb) => eb.ref('excluded.reason'),
          version: (eb) => eb.ref('excluded.version'),
          changed_at: (eb) => eb.ref('excluded.changed_at'),
        })
        .where('order_status.version', '<', sql<number>`excluded.version`),
    )
    .execute();
}

/** ERP's status of an order as the MES last heard it; undefined when it heard only the release. */
export function findOrderStatus(db: MesDb, orderId: string): Promise<OrderStatusRow | undefined> {
  return db
    .selectFrom('order_status')
    .selectAll()
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}
