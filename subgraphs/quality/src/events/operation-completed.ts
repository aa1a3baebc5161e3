import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { QualityDatabase } from '../db/database.ts';
import { findInspectionPoint } from '../db/repositories/inspection-points.ts';
import {
  findOpenInProcessInspections,
  nextInspectionNumber,
  openInspection,
} from '../db/repositories/inspection-writes.ts';
import { findCurrentLotOfOrder } from '../db/repositories/lot-refs.ts';
import { lockReleasedOrder } from '../db/repositories/released-orders.ts';
import { payloadOf } from './payload.ts';

function readCompletedOperation(data: unknown) {
  const r = new JsonReader(data);
  return {
    operationId: r.string('operationId'),
    orderId: r.string('orderId'),
    sequence: r.integer('sequence'),
    completedAt:
      r.optionalString('completedAt') === null ? r.instant('occurredAt') : r.instant('completedAt'),
  };
}

/** Thrown while quality has not applied the release of the order an operation belongs to. */
export class ReleaseNotAppliedError extends Error {
  override name = 'ReleaseNotAppliedError';
}

/**
 * `operation.completed` → when the routing calls for an in-process inspection at that step, quality
 * opens it: PLANNED, against the plan revision pinned at release, linked to the order and
 * operation and to the lot the order is producing if it has made one (else the lot is linked when
 * it does). Once per operation: a duplicate delivery, or an operation that already has an
 * in-process inspection waiting, adds nothing. Which steps are inspected comes with
 * `order.released` (from erp; nothing orders it before the MES's events): until quality has
 * applied it, the event fails and is delivered again after the back-off.
 */
export const operationCompletedHandler: EventHandler<QualityDatabase> = {
  consumer: 'quality.operation-completed',
  types: ['operation.completed'],
  async handle(trx, event) {
    const operation = payloadOf(event, readCompletedOperation);
    const order = await lockReleasedOrder(trx, operation.orderId);
    if (order === undefined) {
      throw new ReleaseNotAppliedError(
        `quality has not applied the release of order ${operation.orderId} yet: which inspection operation ${operation.operationId} calls for is not known`,
      );
    }
    const point = await findInspectionPoint(trx, operation.orderId, operation.sequence);
    if (point === undefined || point.type !== 'IN_PROCESS') return;
    if ((await findOpenInProcessInspections(trx, operation.operationId)).length > 0) return;
    const lot = await findCurrentLotOfOrder(trx, operation.orderId);
    await openInspection(trx, {
      id: `inspection-${operation.operationId}`,
      number: await nextInspectionNumber(trx),
      lot_id: lot?.lot_id ?? null,
      order_id: operation.orderId,
      operation_id: operation.operationId,
      type: 'IN_PROCESS',
      status: 'PLANNED',
      plan_id: point.plan_id,
      inspected_at: null,
      inspector: null,
      created_at: operation.completedAt,
    });
  },
};
