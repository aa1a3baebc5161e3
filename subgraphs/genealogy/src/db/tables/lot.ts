import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface LotTable {
  id: string;
  number: string;
  item_id: string;
  plant_id: string;
  quantity: string;
  uom: string;
  origin: 'PURCHASED' | 'PRODUCED';
  order_id: string | null;
  created_at: Date;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type LotRow = Selectable<LotTable>;
export type NewLotRow = Insertable<LotTable>;
export type LotUpdate = Updateable<LotTable>;
