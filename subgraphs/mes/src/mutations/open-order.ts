import { rejected, ruleBroken, type MutationOutcome } from '@plantgraph/platform';
import type { MesDb } from '../db/mes-db.ts';
import { lockExecution } from '../db/repositories/execution-records.ts';
import { findOrderContextByNumber } from '../db/repositories/order-contexts.ts';
import { findOrderStatus } from '../db/repositories/order-statuses.ts';
import type { ExecutionRow } from '../db/tables/execution.ts';
import type { OrderContextRow } from '../db/tables/order-context.ts';
import { checkOrderOpen, type OrderOpenErrorCode } from '../domain/order-open.ts';

/** A released order the MES received, with its execution locked for the transaction. */
export interface OpenOrder {
  readonly order: OrderContextRow;
  readonly execution: ExecutionRow;
}

/**
 * The released order with this number and its execution, locked: every report of one order runs
 * one after the other. ORDER_NOT_RELEASED when the MES has not received the order's release;
 * ORDER_CANCELLED, ORDER_CLOSED, or ORDER_ON_HOLD (for work done at `at`, after the hold) from
 * ERP's status as the MES last heard it.
 */
export async function lockReleasedOrder(
  db: MesDb,
  orderNumber: string,
  at: Date,
): Promise<MutationOutcome<OpenOrder, 'ORDER_NOT_RELEASED' | OrderOpenErrorCode>> {
  const order = await findOrderContextByNumber(db, orderNumber);
  const execution = order ? await lockExecution(db, order.order_id) : undefined;
  if (order === undefined || execution === undefined) {
    return rejected([
      ruleBroken(
        'ORDER_NOT_RELEASED',
        'orderNumber',
        `order ${orderNumber} has not been released to the shop floor`,
      ),
    ]);
  }
  const heard = await findOrderStatus(db, order.order_id);
  const closed = checkOrderOpen(
    orderNumber,
    heard === undefined
      ? null
      : { status: heard.status, reason: heard.reason, changedAt: heard.changed_at },
    at,
  );
  if (closed.length > 0) return rejected(closed);
  return { ok: true, value: { order, execution } };
}

/** The pinned revisions an order runs under, for the audit trail. */
export function pinnedRevisions(order: OrderContextRow): Record<string, string> {
  return {
    itemRevision: order.item_revision_id,
    bom: order.bom_id,
    routing: order.routing_id,
  };
}
