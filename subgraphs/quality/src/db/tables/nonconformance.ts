import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface NonconformanceTable {
  id: string;
  number: string;
  lot_id: string;
  inspection_id: string | null;
  severity: 'MINOR' | 'MAJOR' | 'CRITICAL';
  status: 'OPEN' | 'DISPOSITIONED' | 'CLOSED';
  description: string;
  disposition: 'USE_AS_IS' | 'REWORK' | 'SCRAP' | 'RETURN_TO_SUPPLIER' | null;
  raised_at: Date;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type NonconformanceRow = Selectable<NonconformanceTable>;
export type NewNonconformanceRow = Insertable<NonconformanceTable>;
export type NonconformanceUpdate = Updateable<NonconformanceTable>;
