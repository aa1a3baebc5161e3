import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** One revision of an inspection plan for an item revision and inspection type, effective-dated. */
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
  /** Version of this record (each change adds one); `revision` is the plan revision label. */
  record_revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type InspectionPlanRow = Selectable<InspectionPlanTable>;
export type NewInspectionPlanRow = Insertable<InspectionPlanTable>;
export type InspectionPlanUpdate = Updateable<InspectionPlanTable>;
