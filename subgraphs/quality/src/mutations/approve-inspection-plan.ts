import { accepted, checkActor, rejected, type MutationOutcome } from '@plantgraph/platform';
import type { QualityDb } from '../db/quality-db.ts';
import { lockPlanFamily, updatePlan } from '../db/repositories/plan-writes.ts';
import { rowToInspectionPlan } from '../domain/inspection-plan.ts';
import {
  checkApproval,
  supersededAt,
  type InspectionPlanChangeAnswer,
} from '../domain/plan-revision.ts';
import type { PlanRevisionCode } from './create-inspection-plan-revision.ts';
import { idempotent } from './guard.ts';
import { recordPlanChanges } from './plan-change.ts';
import { lockNamedPlan } from './plan-lookup.ts';

/** An approval of a drafted plan revision. */
export interface PlanApprovalRequest {
  readonly idempotencyKey: string;
  readonly planNumber: string;
  readonly revision: string;
  /** When it takes effect; null means now. */
  readonly effectiveFrom: Date | null;
  readonly actor: string;
  readonly expectedRevision: number | null;
}

const OPERATION = 'quality.approveInspectionPlan';

/**
 * Approves a DRAFT plan revision in one transaction: APPROVED from `effectiveFrom` (now or later),
 * and the approved revision of the same item revision and type in effect then ends there (its
 * effectiveTo). One `inspection.plan.changed` per revision changed goes to the outbox, with an
 * audit entry each: ERP's releases check against it. Any broken rule changes nothing.
 */
export function approveInspectionPlan(
  context: { readonly db: QualityDb; readonly correlationId: string },
  request: PlanApprovalRequest,
): Promise<MutationOutcome<InspectionPlanChangeAnswer, PlanRevisionCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<InspectionPlanChangeAnswer, PlanRevisionCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const named = await lockNamedPlan(trx, request.planNumber, request.revision);
      if ('code' in named) return rejected([named]);
      const familyRows = await lockPlanFamily(trx, named.item_revision_id, named.type);
      const plan = rowToInspectionPlan(named);
      const family = familyRows.map(rowToInspectionPlan);
      const now = new Date();
      const effectiveFrom = request.effectiveFrom ?? now;
      const errors = checkApproval(
        plan,
        family,
        { effectiveFrom, expectedRevision: request.expectedRevision },
        now,
      );
      if (errors.length > 0) return rejected(errors);

      const approved = await updatePlan(
        trx,
        named,
        { status: 'APPROVED', effective_from: effectiveFrom },
        now,
      );
      const superseded = [];
      for (const previous of supersededAt(plan, family, effectiveFrom)) {
        const row = familyRows.find((r) => r.id === previous.id);
        if (row === undefined) continue;
        superseded.push(await updatePlan(trx, row, { effective_to: effectiveFrom }, now));
      }
      return accepted(
        await recordPlanChanges(
          trx,
          [
            { row: approved, kind: 'APPROVED' },
            ...superseded.map((row) => ({ row, kind: 'SUPERSEDED' as const })),
          ],
          {
            operation: OPERATION,
            actor: request.actor,
            correlationId: context.correlationId,
            idempotencyKey,
            at: now,
          },
        ),
      );
    },
  );
}
