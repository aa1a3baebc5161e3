import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { QualityDatabase } from '../db/database.ts';
import { saveInspectionPoints } from '../db/repositories/inspection-points.ts';
import { payloadOf } from './payload.ts';

function readPlannedInspections(data: unknown) {
  const r = new JsonReader(data);
  const orderId = r.string('orderId');
  const itemRevisionId = r.object('itemRevision').string('id');
  const plannedAt = r.instant('releasedAt');
  return r.list('inspectionPoints').map((p) => ({
    order_id: orderId,
    sequence: p.integer('sequence'),
    operation_id: p.string('operationId'),
    operation_code: p.string('operationCode'),
    type: p.oneOf('type', ['IN_PROCESS', 'FINAL'] as const),
    plan_id: p.string('planId'),
    item_revision_id: itemRevisionId,
    planned_at: plannedAt,
  }));
}

/**
 * `order.released` → quality plans the inspections the order's routing calls for, each with the
 * plan revision in effect at release (once; a second delivery adds nothing). The final inspection
 * is opened on the produced lot when production reports it.
 */
export const orderReleasedHandler: EventHandler<QualityDatabase> = {
  consumer: 'quality.order-released',
  types: ['order.released'],
  async handle(trx, event) {
    await saveInspectionPoints(trx, payloadOf(event, readPlannedInspections));
  },
};
