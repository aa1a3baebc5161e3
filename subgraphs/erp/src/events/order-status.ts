import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { ErpDatabase } from '../db/database.ts';
import { lockOrderById, setOrderStatus } from '../db/repositories/order-status.ts';
import { orderStatusAfter } from '../domain/order-progress.ts';
import { payloadOf } from './payload.ts';

function readOrderEvent(data: unknown, type: string) {
  const r = new JsonReader(data);
  return {
    orderId: r.optionalString('orderId'),
    final: type === 'production.completed' ? r.boolean('final') : false,
  };
}

/**
 * The order's status follows the shop floor and quality: the first operation started makes it
 * IN_PROGRESS (`operation.started`), a final completion COMPLETED (`production.completed`), a
 * failed inspection of its output ON_HOLD (`inspection.failed`). Events that change nothing (the
 * order is already further on, or the inspection has no order) are applied as no-ops.
 */
export const orderStatusHandler: EventHandler<ErpDatabase> = {
  consumer: 'erp.order-status',
  types: ['operation.started', 'production.completed', 'inspection.failed'],
  async handle(trx, event) {
    const { orderId, final } = payloadOf(event, (data) => readOrderEvent(data, event.type));
    if (orderId === null) return;
    const order = await lockOrderById(trx, orderId);
    if (order === undefined) return;
    const next = orderStatusAfter(order.status, event.type, final);
    if (next !== order.status) await setOrderStatus(trx, order, next);
  },
};
