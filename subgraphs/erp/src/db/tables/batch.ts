import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface BatchTable {
  lot_id: string;
  plant_id: string;
  supplier_id: string | null;
  supplier_lot_number: string | null;
  manufactured_on: string | null;
  expires_on: string | null;
  stock_quantity: string;
  stock_uom: string;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type BatchRow = Selectable<BatchTable>;
export type NewBatchRow = Insertable<BatchTable>;
export type BatchUpdate = Updateable<BatchTable>;
