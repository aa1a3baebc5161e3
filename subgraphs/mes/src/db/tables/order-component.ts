import type { Insertable, Selectable } from 'kysely';

/** A BOM line of a released order, in the component's base unit (read model). */
export interface OrderComponentTable {
  order_id: string;
  line_number: number;
  item_id: string;
  item_number: string;
  base_uom: string;
  quantity_per_base: string;
  required_quantity: string;
}

export type OrderComponentRow = Selectable<OrderComponentTable>;
export type NewOrderComponentRow = Insertable<OrderComponentTable>;
