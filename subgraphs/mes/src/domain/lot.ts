import type { LotProductionRow } from '../db/tables/lot-production.ts';

/** The MES's record that an order produced a lot. */
export interface LotProduction {
  readonly lotId: string;
  readonly orderId: string;
  readonly producedAt: Date;
}

/** A lot as the MES sees it: the key, and its production record when an order made it. */
export interface Lot {
  readonly id: string;
  readonly production: LotProduction | null;
}

/** A lot production row, as the domain carries it. */
export function rowToLotProduction(row: LotProductionRow): LotProduction {
  return { lotId: row.lot_id, orderId: row.order_id, producedAt: row.produced_at };
}
