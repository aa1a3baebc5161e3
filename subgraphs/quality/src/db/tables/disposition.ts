import type { Insertable, Selectable } from 'kysely';

/** A decision on a lot or a nonconformance: what, why, by whom, when. */
export interface DispositionTable {
  id: string;
  subject_type: 'LOT' | 'NONCONFORMANCE';
  subject_id: string;
  disposition:
    'RELEASE' | 'HOLD' | 'REJECT' | 'USE_AS_IS' | 'REWORK' | 'SCRAP' | 'RETURN_TO_SUPPLIER';
  reason: string;
  decided_by: string;
  decided_at: Date;
  correlation_id: string;
}

export type DispositionRow = Selectable<DispositionTable>;
export type NewDispositionRow = Insertable<DispositionTable>;
