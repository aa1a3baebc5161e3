import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface LotQualityTable {
  lot_id: string;
  status: 'RELEASED' | 'QUARANTINE' | 'ON_HOLD' | 'REJECTED';
  reason: string | null;
  changed_at: Date;
  revision: Generated<number>;
}

export type LotQualityRow = Selectable<LotQualityTable>;
export type NewLotQualityRow = Insertable<LotQualityTable>;
export type LotQualityUpdate = Updateable<LotQualityTable>;
