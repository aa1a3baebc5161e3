import type { Insertable, Selectable, Updateable } from 'kysely';

export interface PlanCharacteristicTable {
  plan_id: string;
  code: string;
  position: number;
  name: string;
  uom: string;
  lower_limit: string | null;
  upper_limit: string | null;
  target: string | null;
}

export type PlanCharacteristicRow = Selectable<PlanCharacteristicTable>;
export type NewPlanCharacteristicRow = Insertable<PlanCharacteristicTable>;
export type PlanCharacteristicUpdate = Updateable<PlanCharacteristicTable>;
