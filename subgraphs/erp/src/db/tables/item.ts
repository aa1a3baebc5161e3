import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ItemTable {
  id: string;
  number: string;
  description: string;
  base_uom: string;
  tracking: 'LOT' | 'SERIAL' | 'NONE';
  type: 'RAW_MATERIAL' | 'SUBASSEMBLY' | 'FINISHED_GOOD';
  revision: Generated<number>;
  source_key: string;
  updated_at: Generated<Date>;
}

export type ItemRow = Selectable<ItemTable>;
export type NewItemRow = Insertable<ItemTable>;
export type ItemUpdate = Updateable<ItemTable>;
