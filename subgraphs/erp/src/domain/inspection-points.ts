import { versionInEffect, type EffectiveDated } from '@plantgraph/platform';
import type { InspectionPlanViewRow } from '../db/tables/inspection-plan-view.ts';
import type { ItemType } from './item.ts';
import type { RoutingStep } from './routing.ts';

/** The kind of inspection a routing step calls for. */
export type StepInspectionType = 'IN_PROCESS' | 'FINAL';

/** An inspection plan revision, as erp's read model holds it. */
export interface PlanView extends EffectiveDated {
  readonly id: string;
  readonly number: string;
  readonly itemId: string;
  readonly itemRevisionId: string;
  readonly type: InspectionPlanViewRow['type'];
  readonly revision: string;
  readonly status: InspectionPlanViewRow['status'];
}

/** A routing step that needs an inspection, with the plan that will judge it. */
export interface InspectionPoint {
  readonly sequence: number;
  readonly operationCode: string;
  readonly type: StepInspectionType;
  readonly planId: string;
  readonly planNumber: string;
  readonly planRevision: string;
}

/** A step whose inspection has no approved plan in effect. */
export interface MissingPlan {
  readonly sequence: number;
  readonly operationCode: string;
  readonly type: StepInspectionType;
}

export function rowToPlanView(row: InspectionPlanViewRow): PlanView {
  return {
    id: row.plan_id,
    number: row.number,
    itemId: row.item_id,
    itemRevisionId: row.item_revision_id,
    type: row.type,
    revision: row.revision,
    status: row.status,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
  };
}

/**
 * The inspection an inspected step calls for: the last step of a finished good's routing is its
 * final inspection (the lot leaves production through it); every other inspected step is an
 * in-process inspection. Steps that need no inspection answer null.
 */
export function stepInspectionType(
  step: RoutingStep,
  steps: readonly RoutingStep[],
  itemType: ItemType,
): StepInspectionType | null {
  if (!step.requiresInspection) return null;
  const last = Math.max(...steps.map((s) => s.sequence));
  return itemType === 'FINISHED_GOOD' && step.sequence === last ? 'FINAL' : 'IN_PROCESS';
}

/**
 * Matches every inspected step of a routing with the APPROVED plan of its type for `itemRevisionId`
 * in effect at `at`; steps without one are listed as missing.
 */
export function planInspectionPoints(
  steps: readonly RoutingStep[],
  itemType: ItemType,
  itemRevisionId: string,
  plans: readonly PlanView[],
  at: Date,
): { readonly points: InspectionPoint[]; readonly missing: MissingPlan[] } {
  const points: InspectionPoint[] = [];
  const missing: MissingPlan[] = [];
  for (const step of steps) {
    const type = stepInspectionType(step, steps, itemType);
    if (type === null) continue;
    const plan = versionInEffect(
      plans,
      at,
      (p) => p.itemRevisionId === itemRevisionId && p.type === type && p.status === 'APPROVED',
    );
    if (plan === null) {
      missing.push({ sequence: step.sequence, operationCode: step.operationCode, type });
    } else {
      points.push({
        sequence: step.sequence,
        operationCode: step.operationCode,
        type,
        planId: plan.id,
        planNumber: plan.number,
        planRevision: plan.revision,
      });
    }
  }
  return { points, missing };
}
