import type { ErpDb } from '../erp-db.ts';
import type { OrderState } from '../../domain/order-lifecycle.ts';
import type { ProductionOrderRow } from '../tables/production-order.ts';

/** The order with this number, locked until the transaction ends. */
export function lockOrderByNumber(
  db: ErpDb,
  number: string,
): Promise<ProductionOrderRow | undefined> {
  return db
    .selectFrom('production_order')
    .selectAll()
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst();
}

/** The order with this id, locked until the transaction ends. */
export function lockOrderById(db: ErpDb, id: string): Promise<ProductionOrderRow | undefined> {
  return db
    .selectFrom('production_order')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks an order released with the revisions pinned; its revision goes up by one. */
export function markOrderReleased(
  db: ErpDb,
  release: {
    readonly orderId: string;
    readonly revision: number;
    readonly releasedAt: Date;
    readonly itemRevisionId: string;
    readonly bomId: string;
    readonly routingId: string;
  },
): Promise<ProductionOrderRow> {
  return db
    .updateTable('production_order')
    .set({
      status: 'RELEASED',
      released_at: release.releasedAt,
      pinned_item_revision_id: release.itemRevisionId,
      pinned_bom_id: release.bomId,
      pinned_routing_id: release.routingId,
      revision: release.revision + 1,
      updated_at: new Date(),
    })
    .where('id', '=', release.orderId)
    .where('revision', '=', release.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets an order's status (and what a hold interrupted); its revision goes up by one. */
export function setOrderState(
  db: ErpDb,
  order: Pick<ProductionOrderRow, 'id' | 'revision'>,
  state: OrderState,
  reason: string | null,
): Promise<ProductionOrderRow> {
  return db
    .updateTable('production_order')
    .set({
      status: state.status,
      status_before_hold: state.statusBeforeHold,
      status_reason: reason,
      revision: order.revision + 1,
      updated_at: new Date(),
    })
    .where('id', '=', order.id)
    .where('revision', '=', order.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** True when goods issues or receipts were posted against the order. */
export async function hasPostings(db: ErpDb, orderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('goods_movement')
    .select('id')
    .where('order_id', '=', orderId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
