import { appendToOutbox } from '@plantgraph/events';
import {
  accepted,
  checkActor,
  recordAudit,
  rejected,
  ruleBroken,
  type IdempotencyErrorCode,
  type MutationOutcome,
} from '@plantgraph/platform';
import type { ErpDb } from '../db/erp-db.ts';
import { hasPostings, lockOrderByNumber, setOrderState } from '../db/repositories/order-status.ts';
import {
  orderAfterAction,
  type OrderAction,
  type OrderChangeErrorCode,
  type OrderStatusChangeAnswer,
} from '../domain/order-lifecycle.ts';
import { orderStatusChanged } from '../domain/order-status-event.ts';
import { rowToOrder } from '../domain/order.ts';
import { ERP_SOURCE, idempotent } from './guard.ts';

/** A planner's status change as the caller asks for it. */
export interface OrderStatusChangeRequest {
  readonly idempotencyKey: string;
  readonly orderNumber: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly expectedRevision: number | null;
}

export type OrderStatusChangeCode = OrderChangeErrorCode | IdempotencyErrorCode | 'ACTOR_REQUIRED';

const OPERATION: Readonly<Record<OrderAction, string>> = {
  HOLD: 'erp.holdOrder',
  RESUME: 'erp.resumeOrder',
  CANCEL: 'erp.cancelOrder',
  CLOSE: 'erp.closeOrder',
};

/**
 * Holds, resumes, cancels or closes an order in one transaction: checks the action is allowed
 * from the order's status, sets the new status, writes `order.status.changed` to the outbox (the
 * MES refuses shop-floor reports on an order held, cancelled or closed once it hears of it) and
 * an audit entry. Any broken rule answers its code and changes nothing.
 */
export function changeOrderStatus(
  context: { readonly db: ErpDb; readonly correlationId: string },
  action: OrderAction,
  request: OrderStatusChangeRequest,
): Promise<MutationOutcome<OrderStatusChangeAnswer, OrderStatusChangeCode>> {
  const { idempotencyKey, ...input } = request;
  const operation = OPERATION[action];
  return idempotent.run(
    context.db,
    { operation, key: idempotencyKey, input },
    async (trx): Promise<MutationOutcome<OrderStatusChangeAnswer, OrderStatusChangeCode>> => {
      const actorErrors = checkActor(request.actor);
      if (actorErrors.length > 0) return rejected(actorErrors);
      const row = await lockOrderByNumber(trx, request.orderNumber);
      if (row === undefined) {
        return rejected([
          ruleBroken('ORDER_NOT_FOUND', 'orderNumber', `no order ${request.orderNumber}`),
        ]);
      }
      const reason = request.reason?.trim() || null;
      const next = orderAfterAction(rowToOrder(row), {
        action,
        expectedRevision: request.expectedRevision,
        reason,
        hasPostings: action === 'CANCEL' && (await hasPostings(trx, row.id)),
      });
      if (Array.isArray(next)) return rejected(next);
      const updated = await setOrderState(trx, row, next, reason);
      const [event] = await appendToOutbox(trx, ERP_SOURCE, [
        orderStatusChanged(row, updated, {
          correlationId: context.correlationId,
          causationId: null,
        }),
      ]);
      if (event === undefined) throw new Error('the outbox returned no event');
      await recordAudit(trx, [
        {
          actor: request.actor,
          correlationId: context.correlationId,
          operation,
          idempotencyKey,
          aggregateType: 'Order',
          aggregateId: row.id,
          aggregateRevision: updated.revision,
          revisionsInEffect: {
            itemRevision: row.pinned_item_revision_id,
            bom: row.pinned_bom_id,
            routing: row.pinned_routing_id,
          },
          eventIds: [event.id],
        },
      ]);
      return accepted({
        orderId: row.id,
        orderNumber: row.number,
        status: updated.status,
        previousStatus: row.status,
        reason,
        revision: updated.revision,
        changedAt: updated.updated_at.toISOString(),
        correlationId: context.correlationId,
        eventId: event.id,
      });
    },
  );
}
