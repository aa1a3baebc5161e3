import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface InspectionTable {
  id: string;
  number: string;
  /** Null for an in-process inspection of an order that has not produced a lot yet. */
  lot_id: string | null;
  order_id: string | null;
  operation_id: string | null;
  type: 'RECEIVING' | 'IN_PROCESS' | 'FINAL';
  status: 'PLANNED' | 'IN_PROGRESS' | 'PASSED' | 'FAILED';
  plan_id: string;
  inspected_at: Date | null;
  inspector: string | null;
  created_at: Date;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type InspectionRow = Selectable<InspectionTable>;
export type NewInspectionRow = Insertable<InspectionTable>;
export type InspectionUpdate = Updateable<InspectionTable>;
