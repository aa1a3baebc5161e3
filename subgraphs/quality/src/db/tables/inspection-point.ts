import type { Insertable, Selectable } from 'kysely';

/** An inspection a released order's routing calls for, with the plan that judges it (read model). */
export interface InspectionPointTable {
  order_id: string;
  sequence: number;
  operation_id: string;
  operation_code: string;
  type: 'IN_PROCESS' | 'FINAL';
  plan_id: string;
  item_revision_id: string;
  planned_at: Date;
}

export type InspectionPointRow = Selectable<InspectionPointTable>;
export type NewInspectionPointRow = Insertable<InspectionPointTable>;
