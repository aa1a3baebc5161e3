import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { ErpDatabase } from '../db/database.ts';
import { upsertPlanView } from '../db/repositories/inspection-plan-views.ts';
import { payloadOf } from './payload.ts';

function readPlan(data: unknown) {
  const r = new JsonReader(data);
  const effectiveTo = r.optionalString('effectiveTo');
  return {
    plan_id: r.string('planId'),
    number: r.string('number'),
    item_id: r.string('itemId'),
    item_revision_id: r.string('itemRevisionId'),
    type: r.oneOf('type', ['RECEIVING', 'IN_PROCESS', 'FINAL'] as const),
    revision: r.string('revision'),
    status: r.oneOf('status', ['DRAFT', 'APPROVED', 'OBSOLETE'] as const),
    effective_from: r.instant('effectiveFrom'),
    effective_to: effectiveTo === null ? null : r.instant('effectiveTo'),
  };
}

/**
 * `inspection.plan.changed` (a plan revision approved, changed or made obsolete in quality) →
 * ERP's read model of inspection plans, which the release checks against. The runner's aggregate
 * version check keeps an older state of a plan from overwriting a newer one.
 */
export const inspectionPlansHandler: EventHandler<ErpDatabase> = {
  consumer: 'erp.inspection-plans',
  types: ['inspection.plan.changed'],
  async handle(trx, event) {
    await upsertPlanView(trx, payloadOf(event, readPlan));
  },
};
