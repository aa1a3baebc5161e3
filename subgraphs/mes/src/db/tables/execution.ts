import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ExecutionTable {
  order_id: string;
  plant_id: string;
  status: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED';
  started_at: Date | null;
  completed_at: Date | null;
  good_quantity: Generated<string>;
  scrap_quantity: Generated<string>;
  uom: string;
  revision: Generated<number>;
  updated_at: Generated<Date>;
}

export type ExecutionRow = Selectable<ExecutionTable>;
export type NewExecutionRow = Insertable<ExecutionTable>;
export type ExecutionUpdate = Updateable<ExecutionTable>;
