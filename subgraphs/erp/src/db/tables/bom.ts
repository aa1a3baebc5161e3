import type { Insertable, Selectable, Updateable } from 'kysely';

export interface BomTable {
  id: string;
  item_revision_id: string;
  revision: string;
  status: 'DRAFT' | 'RELEASED' | 'OBSOLETE';
  base_quantity: string;
  base_uom: string;
}

export type BomRow = Selectable<BomTable>;
export type NewBomRow = Insertable<BomTable>;
export type BomUpdate = Updateable<BomTable>;
