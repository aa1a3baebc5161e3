import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { QualityDatabase } from '../db/database.ts';
import { saveInspectionPoints } from '../db/repositories/inspection-points.ts';
import { saveReleasedOrder } from '../db/repositories/released-orders.ts';
import { payloadOf } from './payload.ts';

function readRelease(data: unknown) {
  const r = new JsonReader(data);
  const orderId = r.string('orderId');
  const itemRevisionId = r.object('itemRevision').string('id');
  const releasedAt = r.instant('releasedAt');
  return {
    order: {
      order_id: orderId,
      plant_id: r.string('plantId'),
      item_revision_id: itemRevisionId,
      released_at: releasedAt,
    },
    points: r.list('inspectionPoints').map((p) => ({
      order_id: orderId,
      sequence: p.integer('sequence'),
      operation_id: p.string('operationId'),
      operation_code: p.string('operationCode'),
      type: p.oneOf('type', ['IN_PROCESS', 'FINAL'] as const),
      plan_id: p.string('planId'),
      item_revision_id: itemRevisionId,
      planned_at: releasedAt,
    })),
  };
}

/**
 * `order.released` → quality records the release (the order's plant; that its inspections are
 * known) and plans the inspections the order's routing calls for, each with the plan revision in
 * effect at release (once; a second delivery adds nothing). An in-process inspection is opened
 * when the MES reports its operation completed, the final one on the produced lot when production
 * reports it.
 */
export const orderReleasedHandler: EventHandler<QualityDatabase> = {
  consumer: 'quality.order-released',
  types: ['order.released'],
  async handle(trx, event) {
    const { order, points } = payloadOf(event, readRelease);
    await saveReleasedOrder(trx, order);
    await saveInspectionPoints(trx, points);
  },
};
