import type { NewEvent } from '@plantgraph/events';
import type { AuditEntry } from '@plantgraph/platform';
import type { InspectionPlanRow } from '../db/tables/inspection-plan.ts';
import type { PlanChangeKind } from '../domain/plan-revision.ts';

/**
 * The `inspection.plan.changed` event of one plan revision as it is after a change: ERP's read
 * model of plans (which the release checks) takes it whole. Its aggregate version is the plan's
 * record revision, so an older state never overwrites a newer one.
 */
export function planChangedEvent(
  plan: InspectionPlanRow,
  change: PlanChangeKind,
  correlationId: string,
): NewEvent {
  return {
    type: 'inspection.plan.changed',
    subject: `${plan.number}/${plan.revision}`,
    aggregateType: 'InspectionPlan',
    aggregateId: plan.id,
    aggregateVersion: plan.record_revision,
    plant: null,
    data: {
      planId: plan.id,
      number: plan.number,
      itemId: plan.item_id,
      itemRevisionId: plan.item_revision_id,
      type: plan.type,
      revision: plan.revision,
      status: plan.status,
      effectiveFrom: plan.effective_from.toISOString(),
      effectiveTo: plan.effective_to?.toISOString() ?? null,
      recordRevision: plan.record_revision,
      change,
    },
    correlationId,
    causationId: null,
  };
}

/** The audit entry of one plan revision a mutation changed. */
export function planAuditEntry(
  plan: InspectionPlanRow,
  change: {
    readonly operation: string;
    readonly actor: string;
    readonly correlationId: string;
    readonly idempotencyKey: string;
    readonly eventId: string;
    readonly at: Date;
  },
): AuditEntry {
  return {
    actor: change.actor,
    correlationId: change.correlationId,
    operation: change.operation,
    idempotencyKey: change.idempotencyKey,
    aggregateType: 'InspectionPlan',
    aggregateId: plan.id,
    aggregateRevision: plan.record_revision,
    revisionsInEffect: {
      itemRevision: plan.item_revision_id,
      planNumber: plan.number,
      planRevision: plan.revision,
    },
    eventIds: [change.eventId],
    occurredAt: change.at,
  };
}
