import type { Insertable, Selectable, Updateable } from 'kysely';

export interface BomLineTable {
  bom_id: string;
  line_number: number;
  component_item_id: string;
  quantity: string;
  uom: string;
}

export type BomLineRow = Selectable<BomLineTable>;
export type NewBomLineRow = Insertable<BomLineTable>;
export type BomLineUpdate = Updateable<BomLineTable>;
