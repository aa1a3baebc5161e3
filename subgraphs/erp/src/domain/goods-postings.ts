import { PermanentEventError } from '@plantgraph/events';
import type { OrderStatus } from './order.ts';

/** Order statuses a goods movement may be posted against. */
const POSTABLE: readonly OrderStatus[] = ['RELEASED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED'];

/**
 * A goods movement needs an order that is released and not closed or cancelled; otherwise the
 * posting can never apply and is refused for good (it goes to dead letters with the reason).
 */
export function checkPostable(what: string, orderId: string, status: OrderStatus | null): void {
  if (status === null) throw new PermanentEventError(`${what}: no order ${orderId}`);
  if (!POSTABLE.includes(status)) {
    throw new PermanentEventError(
      `${what}: order ${orderId} is ${status}; nothing can be posted to it`,
    );
  }
}
