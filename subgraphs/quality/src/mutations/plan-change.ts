import { appendToOutbox, type NewEvent } from '@plantgraph/events';
import { recordAudit, type AuditEntry } from '@plantgraph/platform';
import type { QualityDb } from '../db/quality-db.ts';
import type { InspectionPlanRow } from '../db/tables/inspection-plan.ts';
import type { InspectionPlanChangeAnswer, PlanChangeKind } from '../domain/plan-revision.ts';
import { QUALITY_SOURCE } from './guard.ts';

/**
 * The `inspection.plan.changed` event of one plan revision as it is after a change: ERP's read
 * model of plans (which the release checks) takes it whole. Its aggregate version is the plan's
 * record revision, so an older state never overwrites a newer one.
 */
function planChangedEvent(
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
function planAuditEntry(
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

/** Who changed plans, in which request and when. */
export interface PlanChangeContext {
  readonly operation: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly idempotencyKey: string;
  readonly at: Date;
}

/**
 * Writes, in the mutation's transaction, one `inspection.plan.changed` and one audit entry per
 * plan revision changed (the first is the one the mutation named), and answers what the change
 * did to that first revision.
 */
export async function recordPlanChanges(
  trx: QualityDb,
  changes: readonly [
    { readonly row: InspectionPlanRow; readonly kind: PlanChangeKind },
    ...{ readonly row: InspectionPlanRow; readonly kind: PlanChangeKind }[],
  ],
  context: PlanChangeContext,
): Promise<InspectionPlanChangeAnswer> {
  const events = await appendToOutbox(
    trx,
    QUALITY_SOURCE,
    changes.map((c) => planChangedEvent(c.row, c.kind, context.correlationId)),
  );
  await recordAudit(
    trx,
    changes.map(({ row }, i) => {
      const event = events[i];
      if (event === undefined) throw new Error('the outbox returned fewer events');
      return planAuditEntry(row, { ...context, eventId: event.id });
    }),
  );
  const [{ row: plan }, ...others] = changes;
  return {
    planId: plan.id,
    planNumber: plan.number,
    revision: plan.revision,
    type: plan.type,
    status: plan.status,
    recordRevision: plan.record_revision,
    effectiveFrom: plan.effective_from.toISOString(),
    effectiveTo: plan.effective_to?.toISOString() ?? null,
    supersededIds: others.map((c) => c.row.id),
    changedBy: context.actor,
    changedAt: context.at.toISOString(),
    correlationId: context.correlationId,
    eventIds: events.map((e) => e.id),
  };
}
