import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface RoutingStepTable {
  routing_id: string;
  sequence: number;
  operation_code: string;
  description: string;
  work_center: string;
  standard_minutes: string;
  requires_inspection: Generated<boolean>;
}

export type RoutingStepRow = Selectable<RoutingStepTable>;
export type NewRoutingStepRow = Insertable<RoutingStepTable>;
export type RoutingStepUpdate = Updateable<RoutingStepTable>;
