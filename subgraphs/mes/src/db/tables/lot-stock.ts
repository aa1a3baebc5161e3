import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A lot as the MES may consume it: item, quantity left, quality status (read model). */
export interface LotStockTable {
  lot_id: string;
  lot_number: string | null;
  item_id: string | null;
  available_quantity: Generated<string>;
  uom: string | null;
  quality_status: 'RELEASED' | 'QUARANTINE' | 'ON_HOLD' | 'REJECTED' | null;
  status_version: Generated<number>;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type LotStockRow = Selectable<LotStockTable>;
export type NewLotStockRow = Insertable<LotStockTable>;
export type LotStockUpdate = Updateable<LotStockTable>;
