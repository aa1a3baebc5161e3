import type { Generated, Insertable, Selectable } from 'kysely';

/** A goods issue or receipt posted against a production order. */
export interface GoodsMovementTable {
  id: string;
  type: 'GOODS_ISSUE' | 'GOODS_RECEIPT';
  order_id: string;
  lot_id: string;
  item_id: string;
  quantity: string;
  uom: string;
  posted_at: Date;
  source_event_id: string;
  correlation_id: string;
  /** The order in which ERP applied its postings. */
  seq: Generated<string>;
}

export type GoodsMovementRow = Selectable<GoodsMovementTable>;
export type NewGoodsMovementRow = Insertable<GoodsMovementTable>;
