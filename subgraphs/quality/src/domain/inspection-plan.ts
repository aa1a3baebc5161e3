import { versionInEffect, type EffectiveDated } from '@plantgraph/platform';
import type { InspectionPlanRow } from '../db/tables/inspection-plan.ts';
import type { PlanCharacteristicRow } from '../db/tables/plan-characteristic.ts';

export type InspectionType = InspectionPlanRow['type'];
export type PlanStatus = InspectionPlanRow['status'];

/** One revision of an inspection plan for an item revision, effective-dated. */
export interface InspectionPlan extends EffectiveDated {
  readonly id: string;
  readonly number: string;
  readonly itemId: string;
  readonly itemRevisionId: string;
  readonly type: InspectionType;
  readonly revision: string;
  readonly status: PlanStatus;
  /** Version of the record, for optimistic concurrency (`revision` is the plan revision label). */
  readonly recordRevision: number;
  readonly updatedAt: Date;
}

/** A characteristic a plan measures, with its specification limits. */
export interface Characteristic {
  readonly planId: string;
  readonly code: string;
  readonly position: number;
  readonly name: string;
  readonly uom: string;
  readonly lowerLimit: string | null;
  readonly upperLimit: string | null;
  readonly target: string | null;
}

export function rowToInspectionPlan(row: InspectionPlanRow): InspectionPlan {
  return {
    id: row.id,
    number: row.number,
    itemId: row.item_id,
    itemRevisionId: row.item_revision_id,
    type: row.type,
    revision: row.revision,
    status: row.status,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    recordRevision: row.record_revision,
    updatedAt: row.updated_at,
  };
}

export function rowToCharacteristic(row: PlanCharacteristicRow): Characteristic {
  return {
    planId: row.plan_id,
    code: row.code,
    position: row.position,
    name: row.name,
    uom: row.uom,
    lowerLimit: row.lower_limit,
    upperLimit: row.upper_limit,
    target: row.target,
  };
}

/**
 * The plan of `type` that applied at `asOf`, among an item's plans. As with erp's item revisions,
 * a DRAFT plan never applies (it was never approved), while an OBSOLETE one did apply within its
 * effective range: obsoleting a plan ends its use, it does not rewrite which plan judged past lots.
 * Where ranges overlap, the plan that started last wins.
 */
export function planInEffect(
  plans: readonly InspectionPlan[],
  type: InspectionType,
  asOf: Date,
): InspectionPlan | null {
  return versionInEffect(plans, asOf, (plan) => plan.type === type && plan.status !== 'DRAFT');
}
