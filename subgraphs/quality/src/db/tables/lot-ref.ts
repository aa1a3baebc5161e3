import type { Insertable, Selectable } from 'kysely';

/** A lot's number and item, as genealogy and the MES published them (read model). */
export interface LotRefTable {
  lot_id: string;
  lot_number: string;
  item_id: string;
  plant_id: string;
  order_id: string | null;
  /** When the lot last received output of its order (null for lots quality did not see produced). */
  last_produced_at: Date | null;
}

export type LotRefRow = Selectable<LotRefTable>;
export type NewLotRefRow = Insertable<LotRefTable>;
