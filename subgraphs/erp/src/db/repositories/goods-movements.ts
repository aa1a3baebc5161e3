import type { ErpDb } from '../erp-db.ts';
import type { GoodsMovementRow, NewGoodsMovementRow } from '../tables/goods-movement.ts';

/** Posts a goods movement once per source event and type; answers false when it was posted before. */
export async function postGoodsMovement(db: ErpDb, row: NewGoodsMovementRow): Promise<boolean> {
  const posted = await db
    .insertInto('goods_movement')
    .values(row)
    .onConflict((oc) => oc.columns(['source_event_id', 'type']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return posted !== undefined;
}

/** The postings against these orders, each order's in the order ERP applied them. */
export function findMovementsOfOrders(
  db: ErpDb,
  orderIds: readonly string[],
): Promise<GoodsMovementRow[]> {
  return db
    .selectFrom('goods_movement')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('seq')
    .execute();
}
