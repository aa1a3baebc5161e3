import {
  appendToOutbox,
  PermanentEventError,
  type EventEnvelope,
  type EventHandler,
} from '@plantgraph/events';
import { JsonReader, versionInEffect } from '@plantgraph/platform';
import type { QualityDatabase } from '../db/database.ts';
import type { QualityDb } from '../db/quality-db.ts';
import { findPlansOfItems } from '../db/repositories/inspection-plans.ts';
import { findFinalInspectionPoint } from '../db/repositories/inspection-points.ts';
import {
  findOpenFinalInspections,
  linkOpenInspectionsToLot,
  nextInspectionNumber,
  openInspection,
} from '../db/repositories/inspection-writes.ts';
import { lockLotQuality, recordInitialLotStatus } from '../db/repositories/lot-quality-writes.ts';
import { findLotRefById, markLotProduced, saveLotRef } from '../db/repositories/lot-refs.ts';
import { findOpenOrderNonconformanceNumbers } from '../db/repositories/nonconformance-writes.ts';
import { lockReleasedOrder } from '../db/repositories/released-orders.ts';
import { rowToInspectionPlan } from '../domain/inspection-plan.ts';
import { QUALITY_SOURCE } from '../mutations/guard.ts';
import { changeLotStatus } from '../mutations/lot-status-change.ts';
import { payloadOf } from './payload.ts';

function readCompletion(data: unknown) {
  const r = new JsonReader(data);
  const lot = r.optionalObject('lot');
  return {
    completionId: r.string('completionId'),
    orderId: r.string('orderId'),
    orderNumber: r.string('orderNumber'),
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
 * The status a new lot of the order starts in: the one the MES gave it, or ON_HOLD while a
 * nonconformance raised against the order before it made a lot (a failed in-process inspection)
 * is open. A hold is published (`lot.hold.changed`) so ERP and the MES block the lot too.
 */
async function recordNewLot(
  trx: QualityDb,
  event: EventEnvelope,
  completion: Completion,
  lot: NonNullable<Completion['lot']>,
): Promise<void> {
  const blocking = await findOpenOrderNonconformanceNumbers(trx, completion.orderId);
  if (blocking.length === 0) {
    await recordInitialLotStatus(
      trx,
      lot.id,
      lot.qualityStatus,
      lot.qualityStatus === 'QUARANTINE' ? 'Awaiting final inspection' : 'Released at production',
      completion.completedAt,
    );
    return;
  }
  const current = await lockLotQuality(trx, lot.id);
  if (current !== undefined) return;
  const change = await changeLotStatus(trx, {
    lotId: lot.id,
    ref: await findLotRefById(trx, lot.id),
    current,
    status: 'ON_HOLD',
    reason: `Made while nonconformance ${blocking.join(', ')} of order ${completion.orderNumber} is open`,
    at: completion.completedAt,
    correlationId: event.correlationid,
  });
  await appendToOutbox(trx, QUALITY_SOURCE, [{ ...change.event, causationId: event.id }]);
}

/**
 * `production.completed` → quality records the produced lot (number, item, when it last received
 * output), the status it starts in (QUARANTINE until its final inspection, else RELEASED; ON_HOLD
 * while an in-process failure of the order without a lot is open), links the order's in-process
 * inspections still waiting without a lot to it, and opens the final inspection the routing calls
 * for, unless the lot already has one waiting. Applying the event twice changes nothing more.
 */
export const productionCompletedHandler: EventHandler<QualityDatabase> = {
  consumer: 'quality.production-completed',
  types: ['production.completed'],
  async handle(trx, event) {
    const completion = payloadOf(event, readCompletion);
    const lot = completion.lot;
    if (lot === null) return;
    // Queues with the opening of the order's in-process inspections (see operation-completed).
    await lockReleasedOrder(trx, completion.orderId);
    await saveLotRef(trx, {
      lot_id: lot.id,
      lot_number: lot.number,
      item_id: completion.itemId,
      plant_id: completion.plantId,
      order_id: completion.orderId,
    });
    await markLotProduced(trx, lot.id, completion.completedAt);
    if (lot.created) await recordNewLot(trx, event, completion, lot);
    await linkOpenInspectionsToLot(trx, completion.orderId, lot.id);
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
