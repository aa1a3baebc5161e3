import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A lot's item and quality status as genealogy, MES and quality published them (read model). */
export interface LotViewTable {
  lot_id: string;
  lot_number: string | null;
  item_id: string | null;
  quality_status: 'RELEASED' | 'QUARANTINE' | 'ON_HOLD' | 'REJECTED' | null;
  status_version: Generated<number>;
  status_changed_at: Date | null;
  restricted_quantity: Generated<string>;
}

export type LotViewRow = Selectable<LotViewTable>;
export type NewLotViewRow = Insertable<LotViewTable>;
export type LotViewUpdate = Updateable<LotViewTable>;
