import type { EventHandler } from '@plantgraph/events';
import type { MesDatabase } from '../db/database.ts';
import { createExecution } from '../db/repositories/execution-records.ts';
import { saveOrderContext } from '../db/repositories/order-contexts.ts';
import { applyOrderStatus } from '../db/repositories/order-statuses.ts';
import { readReleasedOrder } from '../domain/released-order.ts';
import { payloadOf } from './payload.ts';

/**
 * `order.released` → the MES receives the order: its execution record and operations (once; a
 * second delivery finds them and adds nothing) and the read models its checks use: the order's
 * BOM lines in base units, its components' unit conversions and its status (RELEASED, unless a
 * later change got there first).
 */
export const orderReleasedHandler: EventHandler<MesDatabase> = {
  consumer: 'mes.order-released',
  types: ['order.released'],
  async handle(trx, event) {
    const order = payloadOf(event, readReleasedOrder);
    await createExecution(trx, order);
    await saveOrderContext(trx, order);
    await applyOrderStatus(trx, {
      order_id: order.orderId,
      status: 'RELEASED',
      reason: null,
      version: event.aggregateversion,
      changed_at: order.releasedAt,
    });
  },
};
