import { accepted, checkActor, rejected, type MutationOutcome } from '@plantgraph/platform';
import type { QualityDb } from '../db/quality-db.ts';
import { updatePlan } from '../db/repositories/plan-writes.ts';
import { rowToInspectionPlan } from '../domain/inspection-plan.ts';
import { checkObsolete, type InspectionPlanChangeAnswer } from '../domain/plan-revision.ts';
import type { PlanRevisionCode } from './create-inspection-plan-revision.ts';
import { idempotent } from './guard.ts';
import { recordPlanChanges } from './plan-change.ts';
import { lockNamedPlan } from './plan-lookup.ts';

/** Ends the use of an approved plan revision. */
export interface PlanObsoleteRequest {
  readonly idempotencyKey: string;
  readonly planNumber: string;
  readonly revision: string;
  /** When its use ends; null means now. */
  readonly effectiveTo: Date | null;
  readonly actor: string;
  readonly expectedRevision: number | null;
}

const OPERATION = 'quality.obsoleteInspectionPlan';

/**
 * Makes an APPROVED plan revision OBSOLETE in one transaction: no release pins it from
 * `effectiveTo` (now or later) on, while the inspections it judged keep it. `inspection.plan.changed`
 * goes to the outbox with an audit entry; any broken rule changes nothing.
 */
export function obsoleteInspectionPlan(
  context: { readonly db: QualityDb; readonly correlationId: string },
  request: PlanObsoleteRequest,
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
      const now = new Date();
      const { errors, effectiveTo } = checkObsolete(
        rowToInspectionPlan(named),
        { effectiveTo: request.effectiveTo ?? now, expectedRevision: request.expectedRevision },
        now,
      );
      if (errors.length > 0) return rejected(errors);

      const obsolete = await updatePlan(
        trx,
        named,
        { status: 'OBSOLETE', effective_to: effectiveTo },
        now,
      );
      return accepted(
        await recordPlanChanges(trx, [{ row: obsolete, kind: 'OBSOLETED' }], {
          operation: OPERATION,
          actor: request.actor,
          correlationId: context.correlationId,
          idempotencyKey,
          at: now,
        }),
      );
    },
  );
}
