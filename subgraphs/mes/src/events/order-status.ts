import type { EventHandler } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import type { MesDatabase } from '../db/database.ts';
import { applyOrderStatus } from '../db/repositories/order-statuses.ts';
import { payloadOf } from './payload.ts';

const STATUSES = [
  'CREATED',
  'RELEASED',
  'IN_PROGRESS',
  'COMPLETED',
  'CLOSED',
  'CANCELLED',
  'ON_HOLD',
] as const;

function readStatusChange(data: unknown) {
  const r = new JsonReader(data);
  return {
    orderId: r.string('orderId'),
    status: r.oneOf('status', STATUSES),
    reason: r.optionalString('reason'),
    changedAt: r.instant('changedAt'),
  };
}

/**
 * `order.status.changed` → ERP's status of the order in the MES's read model: shop-floor reports
 * are refused on an order held (for work after the hold), cancelled or closed. The event's
 * aggregate version is ERP's revision of the order: an older status never overwrites a newer one.
 */
export const orderStatusHandler: EventHandler<MesDatabase> = {
  consumer: 'mes.order-status',
  types: ['order.status.changed'],
  async handle(trx, event) {
    const change = payloadOf(event, readStatusChange);
    await applyOrderStatus(trx, {
      order_id: change.orderId,
      status: change.status,
      reason: change.reason,
      version: event.aggregateversion,
      changed_at: change.changedAt,
    });
  },
};
