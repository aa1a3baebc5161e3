import type { Insertable, Selectable, Updateable } from 'kysely';

export interface LotLinkTable {
  id: string;
  parent_lot_id: string;
  child_lot_id: string;
  quantity: string;
  uom: string;
  order_id: string | null;
  linked_at: Date;
}

export type LotLinkRow = Selectable<LotLinkTable>;
export type NewLotLinkRow = Insertable<LotLinkTable>;
export type LotLinkUpdate = Updateable<LotLinkTable>;
