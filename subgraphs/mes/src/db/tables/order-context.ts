import type { Insertable, Selectable } from 'kysely';

/** A released order as erp handed it to the MES (read model of `order.released`). */
export interface OrderContextTable {
  order_id: string;
  order_number: string;
  plant_id: string;
  item_id: string;
  item_number: string;
  planned_quantity: string;
  uom: string;
  item_revision_id: string;
  bom_id: string;
  routing_id: string;
  final_inspection: boolean;
  released_at: Date;
}

export type OrderContextRow = Selectable<OrderContextTable>;
export type NewOrderContextRow = Insertable<OrderContextTable>;
