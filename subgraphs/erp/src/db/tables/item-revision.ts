import type { Insertable, Selectable, Updateable } from 'kysely';

export interface ItemRevisionTable {
  id: string;
  item_id: string;
  revision: string;
  change_number: string;
  status: 'DRAFT' | 'RELEASED' | 'OBSOLETE';
  effective_from: Date;
  effective_to: Date | null;
}

export type ItemRevisionRow = Selectable<ItemRevisionTable>;
export type NewItemRevisionRow = Insertable<ItemRevisionTable>;
export type ItemRevisionUpdate = Updateable<ItemRevisionTable>;
