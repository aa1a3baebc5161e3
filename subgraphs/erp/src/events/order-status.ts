import { appendToOutbox, type EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { ErpDatabase } from '../db/database.ts';
import { lockOrderById, setOrderState } from '../db/repositories/order-status.ts';
import { orderStateAfterEvent } from '../domain/order-lifecycle.ts';
import { orderStatusChanged } from '../domain/order-status-event.ts';
import { ERP_SOURCE } from '../mutations/guard.ts';
import { payloadOf } from './payload.ts';

function readOrderEvent(data: unknown, type: string) {
  const r = new JsonReader(data);
  return {
    orderId: r.optionalString('orderId'),
    final: type === 'production.completed' ? r.boolean('final') : false,
    inspectionNumber: type === 'inspection.failed' ? r.optionalString('inspectionNumber') : null,
  };
}

/**
 * The order's status follows the shop floor and quality: the first operation started makes it
 * IN_PROGRESS (`operation.started`), a final completion COMPLETED (`production.completed`), a
 * failed inspection of its output ON_HOLD (`inspection.failed`); while it is on hold, progress
 * moves the status the hold returns to. Each change writes `order.status.changed`, caused by the
 * event. Events that change nothing (the order is already further on, or the inspection has no
 * order) are applied as no-ops.
 */
export const orderStatusHandler: EventHandler<ErpDatabase> = {
  consumer: 'erp.order-status',
  types: ['operation.started', 'production.completed', 'inspection.failed'],
  async handle(trx, event) {
    const { orderId, final, inspectionNumber } = payloadOf(event, (data) =>
      readOrderEvent(data, event.type),
    );
    if (orderId === null) return;
    const order = await lockOrderById(trx, orderId);
    if (order === undefined) return;
    const before = { status: order.status, statusBeforeHold: order.status_before_hold };
    const next = orderStateAfterEvent(before, event.type, final);
    if (next.status === before.status && next.statusBeforeHold === before.statusBeforeHold) return;
    const heldNow = next.status === 'ON_HOLD' && before.status !== 'ON_HOLD';
    const reason = heldNow
      ? `inspection ${inspectionNumber ?? 'of its output'} failed`
      : order.status_reason;
    const updated = await setOrderState(trx, order, next, reason);
    if (next.status === before.status) return;
    await appendToOutbox(trx, ERP_SOURCE, [
      orderStatusChanged(order, updated, {
        correlationId: event.correlationid,
        causationId: event.id,
      }),
    ]);
  },
};
