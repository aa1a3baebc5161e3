import type { QualityDb } from '../quality-db.ts';
import type { NewReleasedOrderRow, ReleasedOrderRow } from '../tables/released-order.ts';

/** Records that quality applied an order's release, once. */
export async function saveReleasedOrder(db: QualityDb, row: NewReleasedOrderRow): Promise<void> {
  await db
    .insertInto('released_order')
    .values(row)
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
}

export function findReleasedOrder(
  db: QualityDb,
  orderId: string,
): Promise<ReleasedOrderRow | undefined> {
  return db
    .selectFrom('released_order')
    .selectAll()
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

/**
 * The order's release record, locked until the transaction ends: the consumers that open an
 * order's inspections and link them to its lots queue on it, so neither misses the other's writes.
 */
export function lockReleasedOrder(
  db: QualityDb,
  orderId: string,
): Promise<ReleasedOrderRow | undefined> {
  return db
    .selectFrom('released_order')
    .selectAll()
    .where('order_id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
}
