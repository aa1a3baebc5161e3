import { PermanentEventError, type EventHandler } from '@plantgraph/events';
import { JsonReader, versionInEffect } from '@plantgraph/platform';
import type { QualityDatabase } from '../db/database.ts';
import type { QualityDb } from '../db/quality-db.ts';
import { findPlansOfItems } from '../db/repositories/inspection-plans.ts';
import { findFinalInspectionPoint } from '../db/repositories/inspection-points.ts';
import {
  findOpenFinalInspections,
  nextInspectionNumber,
  openInspection,
} from '../db/repositories/inspection-writes.ts';
import { recordInitialLotStatus } from '../db/repositories/lot-quality-writes.ts';
import { saveLotRef } from '../db/repositories/lot-refs.ts';
import { rowToInspectionPlan } from '../domain/inspection-plan.ts';
import { payloadOf } from './payload.ts';

function readCompletion(data: unknown) {
  const r = new JsonReader(data);
  const lot = r.optionalObject('lot');
  return {
    completionId: r.string('completionId'),
    orderId: r.string('orderId'),
    plantId: r.string('plantId'),
    itemId: r.string('itemId'),
    itemRevisionId: r.string('itemRevisionId'),
    completedAt: r.instant('completedAt'),
    finalInspection: r.boolean('finalInspection'),
    lot:
      lot === null
        ? null
        : {
            id: lot.string('id'),
            number: lot.string('number'),
            created: lot.boolean('created'),
            qualityStatus: lot.oneOf('qualityStatus', ['QUARANTINE', 'RELEASED'] as const),
          },
  };
}

type Completion = ReturnType<typeof readCompletion>;

/**
 * The plan the final inspection of a completion's lot uses: the one planned at release or, when
 * quality has not applied the order's release yet (`order.released` comes from erp and
 * `production.completed` from the MES: nothing orders the two), the approved FINAL plan of the
 * order's item revision in effect at completion.
 */
async function finalPlan(
  trx: QualityDb,
  completion: Completion,
): Promise<{ planId: string; operationId: string | null }> {
  const point = await findFinalInspectionPoint(trx, completion.orderId);
  if (point !== undefined) return { planId: point.plan_id, operationId: point.operation_id };
  const plans = (await findPlansOfItems(trx, [completion.itemId])).map(rowToInspectionPlan);
  const plan = versionInEffect(
    plans,
    completion.completedAt,
    (p) =>
      p.type === 'FINAL' &&
      p.status === 'APPROVED' &&
      p.itemRevisionId === completion.itemRevisionId,
  );
  if (plan === null) {
    throw new PermanentEventError(
      `no FINAL plan for item revision ${completion.itemRevisionId} at ${completion.completedAt.toISOString()}: the lot of ${completion.completionId} cannot be inspected`,
    );
  }
  return { planId: plan.id, operationId: null };
}

/**
 * `production.completed` → quality records the produced lot (number, item), the status it starts
 * in (QUARANTINE until its final inspection, else RELEASED), and opens the final inspection the
 * routing calls for, unless the lot already has one waiting. Applying the event twice changes
 * nothing more.
 */
export const productionCompletedHandler: EventHandler<QualityDatabase> = {
  consumer: 'quality.production-completed',
  types: ['production.completed'],
  async handle(trx, event) {
    const completion = payloadOf(event, readCompletion);
    const lot = completion.lot;
    if (lot === null) return;
    await saveLotRef(trx, {
      lot_id: lot.id,
      lot_number: lot.number,
      item_id: completion.itemId,
      plant_id: completion.plantId,
      order_id: completion.orderId,
    });
    if (lot.created) {
      await recordInitialLotStatus(
        trx,
        lot.id,
        lot.qualityStatus,
        lot.qualityStatus === 'QUARANTINE' ? 'Awaiting final inspection' : 'Released at production',
        completion.completedAt,
      );
    }
    if (!completion.finalInspection) return;
    if ((await findOpenFinalInspections(trx, lot.id)).length > 0) return;
    const { planId, operationId } = await finalPlan(trx, completion);
    await openInspection(trx, {
      id: `inspection-${completion.completionId}`,
      number: await nextInspectionNumber(trx),
      lot_id: lot.id,
      order_id: completion.orderId,
      operation_id: operationId,
      type: 'FINAL',
      status: 'PLANNED',
      plan_id: planId,
      inspected_at: null,
      inspector: null,
      created_at: completion.completedAt,
    });
  },
};
