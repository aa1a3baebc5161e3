import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface NonconformanceTable {
  id: string;
  number: string;
  /** Null when raised against an order before it produced a lot (a failed in-process inspection). */
  lot_id: string | null;
  order_id: string | null;
  operation_id: string | null;
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
