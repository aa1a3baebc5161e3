import type { Insertable, Selectable, Updateable } from 'kysely';

export interface InspectionPlanTable {
  id: string;
  number: string;
  item_id: string;
  item_revision_id: string;
  type: 'RECEIVING' | 'IN_PROCESS' | 'FINAL';
  revision: string;
  status: 'DRAFT' | 'APPROVED' | 'OBSOLETE';
  effective_from: Date;
  effective_to: Date | null;
}

export type InspectionPlanRow = Selectable<InspectionPlanTable>;
export type NewInspectionPlanRow = Insertable<InspectionPlanTable>;
export type InspectionPlanUpdate = Updateable<InspectionPlanTable>;
