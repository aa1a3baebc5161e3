import { randomUUID } from 'node:crypto';
import {
  accepted,
  checkActor,
  rejected,
  type IdempotencyErrorCode,
  type MutationOutcome,
} from '@plantgraph/platform';
import type { QualityDb } from '../db/quality-db.ts';
import {
  findItemOfRevision,
  findPlanNumberOfItem,
  findRevisionLabels,
  insertPlan,
  lockPlansOfItem,
  nextPlanNumber,
} from '../db/repositories/plan-writes.ts';
import type { InspectionType } from '../domain/inspection-plan.ts';
import {
  checkCharacteristics,
  checkItemRevision,
  nextRevisionLabel,
  type CharacteristicSpec,
  type InspectionPlanChangeAnswer,
  type PlanRevisionErrorCode,
} from '../domain/plan-revision.ts';
import { idempotent } from './guard.ts';
import { recordPlanChanges } from './plan-change.ts';

/** A new plan revision, as a quality engineer drafts it. */
export interface PlanRevisionDraftRequest {
  readonly idempotencyKey: string;
  readonly itemId: string;
  readonly itemRevisionId: string;
  readonly type: InspectionType;
  readonly characteristics: readonly CharacteristicSpec[];
  readonly actor: string;
}

export type PlanRevisionCode = PlanRevisionErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED';

const OPERATION = 'quality.createInspectionPlanRevision';

/**
 * Drafts the next revision of the item's plan of `type` for one item revision, with its
 * characteristics and limits, in one transaction: DRAFT (it judges nothing until approved), under
 * the number the item's plans of that type carry (a new `IP-` number for the first), labelled one
 * above the plan's highest revision; `inspection.plan.changed` in the outbox and an audit entry.
 * Any broken rule changes nothing.
 */
export function createInspectionPlanRevision(
  context: { readonly db: QualityDb; readonly correlationId: string },
  request: PlanRevisionDraftRequest,
): Promise<MutationOutcome<InspectionPlanChangeAnswer, PlanRevisionCode>> {
  const { idempotencyKey, ...input } = request;
  return idempotent.run(
    context.db,
    { operation: OPERATION, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<InspectionPlanChangeAnswer, PlanRevisionCode>> => {
      const errors = [
        ...checkActor(request.actor),
        ...checkItemRevision(
          request.itemId,
          request.itemRevisionId,
          await findItemOfRevision(trx, request.itemRevisionId),
        ),
        ...checkCharacteristics(request.characteristics),
      ];
      if (errors.length > 0) return rejected(errors);

      await lockPlansOfItem(trx, request.itemId, request.type);
      const number =
        (await findPlanNumberOfItem(trx, request.itemId, request.type)) ??
        (await nextPlanNumber(trx));
      const now = new Date();
      const id = `plan-${randomUUID()}`;
      const plan = await insertPlan(
        trx,
        {
          id,
          number,
          item_id: request.itemId,
          item_revision_id: request.itemRevisionId,
          type: request.type,
          revision: nextRevisionLabel(await findRevisionLabels(trx, number)),
          status: 'DRAFT',
          // A draft's date is when it was drafted; approval sets the one it takes effect at.
          effective_from: now,
          effective_to: null,
          record_revision: 1,
          updated_at: now,
        },
        request.characteristics.map((c, i) => ({
          plan_id: id,
          code: c.code,
          position: i + 1,
          name: c.name,
          uom: c.uom,
          lower_limit: c.lowerLimit,
          upper_limit: c.upperLimit,
          target: c.target,
        })),
      );
      return accepted(
        await recordPlanChanges(trx, [{ row: plan, kind: 'DRAFTED' }], {
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
