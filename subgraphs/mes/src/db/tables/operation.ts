import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface OperationTable {
  id: string;
  order_id: string;
  sequence: number;
  operation_code: string;
  description: string;
  work_center: string;
  status: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED';
  planned_quantity: string;
  good_quantity: Generated<string>;
  scrap_quantity: Generated<string>;
  uom: string;
  started_at: Date | null;
  completed_at: Date | null;
  requires_inspection: Generated<boolean>;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type OperationRow = Selectable<OperationTable>;
export type NewOperationRow = Insertable<OperationTable>;
export type OperationUpdate = Updateable<OperationTable>;
