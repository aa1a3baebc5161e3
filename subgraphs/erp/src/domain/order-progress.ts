import type { OrderStatus } from './order.ts';

/**
 * An order's status after a shop-floor or quality event: RELEASED → IN_PROGRESS when an operation
 * starts; RELEASED or IN_PROGRESS → COMPLETED on the final completion; RELEASED, IN_PROGRESS or
 * COMPLETED → ON_HOLD when an inspection of its output fails. Anything else leaves it as it is.
 */
export function orderStatusAfter(
  status: OrderStatus,
  eventType: string,
  finalCompletion: boolean,
): OrderStatus {
  switch (eventType) {
    case 'operation.started':
      return status === 'RELEASED' ? 'IN_PROGRESS' : status;
    case 'production.completed':
      return finalCompletion && (status === 'RELEASED' || status === 'IN_PROGRESS')
        ? 'COMPLETED'
        : status;
    case 'inspection.failed':
      return status === 'RELEASED' || status === 'IN_PROGRESS' || status === 'COMPLETED'
        ? 'ON_HOLD'
        : status;
    default:
      return status;
  }
}
