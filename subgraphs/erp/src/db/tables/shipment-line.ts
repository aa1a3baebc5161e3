import type { Insertable, Selectable, Updateable } from 'kysely';

export interface ShipmentLineTable {
  shipment_id: string;
  line_number: number;
  lot_id: string;
  quantity: string;
  uom: string;
}

export type ShipmentLineRow = Selectable<ShipmentLineTable>;
export type NewShipmentLineRow = Insertable<ShipmentLineTable>;
export type ShipmentLineUpdate = Updateable<ShipmentLineTable>;
