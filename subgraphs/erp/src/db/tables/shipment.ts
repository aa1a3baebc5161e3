import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ShipmentTable {
  id: string;
  number: string;
  customer_id: string;
  plant_id: string;
  shipped_at: Date;
  revision: Generated<number>;
  source_key: string;
  updated_at: Generated<Date>;
}

export type ShipmentRow = Selectable<ShipmentTable>;
export type NewShipmentRow = Insertable<ShipmentTable>;
export type ShipmentUpdate = Updateable<ShipmentTable>;
