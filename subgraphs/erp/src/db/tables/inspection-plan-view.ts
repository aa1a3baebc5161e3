import type { Insertable, Selectable } from 'kysely';

/** An inspection plan revision as quality published it (read model). */
export interface InspectionPlanViewTable {
  plan_id: string;
  number: string;
  item_id: string;
  item_revision_id: string;
  type: 'RECEIVING' | 'IN_PROCESS' | 'FINAL';
  revision: string;
  status: 'DRAFT' | 'APPROVED' | 'OBSOLETE';
  effective_from: Date;
  effective_to: Date | null;
}

export type InspectionPlanViewRow = Selectable<InspectionPlanViewTable>;
export type NewInspectionPlanViewRow = Insertable<InspectionPlanViewTable>;
