import type { Insertable, Selectable, Updateable } from 'kysely';

export interface LotProductionTable {
  lot_id: string;
  order_id: string;
  produced_at: Date;
}

export type LotProductionRow = Selectable<LotProductionTable>;
export type NewLotProductionRow = Insertable<LotProductionTable>;
export type LotProductionUpdate = Updateable<LotProductionTable>;
