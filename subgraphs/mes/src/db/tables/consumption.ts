import type { Insertable, Selectable } from 'kysely';

/** A lot consumed by an order (a genealogy input). */
export interface ConsumptionTable {
  id: string;
  order_id: string;
  lot_id: string;
  lot_number: string;
  item_id: string;
  quantity: string;
  uom: string;
  entered_quantity: string;
  entered_uom: string;
  consumed_at: Date;
  operation_sequence: number | null;
  completion_id: string | null;
  recorded_at: Date;
}

export type ConsumptionRow = Selectable<ConsumptionTable>;
export type NewConsumptionRow = Insertable<ConsumptionTable>;
