import type { ErpDb } from '../erp-db.ts';
import type { NewGoodsMovementRow } from '../tables/goods-movement.ts';

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
