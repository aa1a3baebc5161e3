import type { NewEvent } from '@plantgraph/events';
import type { ProductionOrderRow } from '../db/tables/production-order.ts';

/** Who or what caused a status change, for the event's envelope. */
export interface StatusChangeCause {
  readonly correlationId: string;
  /** The event that moved the order (a shop-floor or quality event); null for a request. */
  readonly causationId: string | null;
}

/**
 * `order.status.changed`: the order's new status, the one it had, what a hold interrupted and
 * why. Its aggregate version is the order's revision, so consumers never let an older status
 * overwrite a newer one.
 */
export function orderStatusChanged(
  before: Pick<ProductionOrderRow, 'status'>,
  after: ProductionOrderRow,
  cause: StatusChangeCause,
): NewEvent {
  return {
    type: 'order.status.changed',
    subject: after.number,
    aggregateType: 'Order',
    aggregateId: after.id,
    aggregateVersion: after.revision,
    plant: after.plant_id,
    data: {
      orderId: after.id,
      orderNumber: after.number,
      plantId: after.plant_id,
      itemId: after.item_id,
      status: after.status,
      previousStatus: before.status,
      statusBeforeHold: after.status_before_hold,
      reason: after.status_reason,
      revision: after.revision,
      changedAt: after.updated_at.toISOString(),
    },
    correlationId: cause.correlationId,
    causationId: cause.causationId,
  };
}
