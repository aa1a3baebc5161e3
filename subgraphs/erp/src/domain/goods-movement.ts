import type { Quantity } from '@plantgraph/platform';
import type { GoodsMovementRow } from '../db/tables/goods-movement.ts';

/** A goods issue or receipt ERP posted against an order from an MES event. */
export interface GoodsMovement {
  readonly id: string;
  readonly type: GoodsMovementRow['type'];
  readonly orderId: string;
  readonly lotId: string;
  readonly itemId: string;
  readonly quantity: Quantity;
  readonly postedAt: Date;
  readonly sourceEventId: string;
  readonly correlationId: string;
}

export function rowToGoodsMovement(row: GoodsMovementRow): GoodsMovement {
  return {
    id: row.id,
    type: row.type,
    orderId: row.order_id,
    lotId: row.lot_id,
    itemId: row.item_id,
    quantity: { value: row.quantity, uom: row.uom },
    postedAt: row.posted_at,
    sourceEventId: row.source_event_id,
    correlationId: row.correlation_id,
  };
}
