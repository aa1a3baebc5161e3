import { ruleBroken, type MutationError } from '@plantgraph/platform';
import type { HoldableStatus, Order, OrderStatus } from './order.ts';

/** An order's status with what a hold interrupted (null unless it is ON_HOLD). */
export interface OrderState {
  readonly status: OrderStatus;
  readonly statusBeforeHold: HoldableStatus | null;
}

/** What a status change did, as it was at the time (a repeat answers the same). */
export interface OrderStatusChangeAnswer {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly status: OrderStatus;
  readonly previousStatus: OrderStatus;
  readonly reason: string | null;
  readonly revision: number;
  readonly changedAt: string;
  readonly correlationId: string;
  readonly eventId: string;
}

/** What a planner does to an order after its release. */
export type OrderAction = 'HOLD' | 'RESUME' | 'CANCEL' | 'CLOSE';

/** Why a status change was refused: one code per rule. */
export type OrderChangeErrorCode =
  | 'ORDER_NOT_FOUND'
  | 'REVISION_CONFLICT'
  | 'REASON_REQUIRED'
  | 'ORDER_STATUS_NOT_ALLOWED'
  | 'ORDER_HAS_POSTINGS';

/** The statuses each action starts from. */
const ACTION_FROM: Readonly<Record<OrderAction, readonly OrderStatus[]>> = {
  HOLD: ['RELEASED', 'IN_PROGRESS', 'COMPLETED'],
  RESUME: ['ON_HOLD'],
  CANCEL: ['CREATED', 'RELEASED', 'ON_HOLD'],
  CLOSE: ['RELEASED', 'IN_PROGRESS', 'COMPLETED', 'ON_HOLD'],
};

const VERB: Readonly<Record<OrderAction, string>> = {
  HOLD: 'put on hold',
  RESUME: 'resumed',
  CANCEL: 'cancelled',
  CLOSE: 'closed',
};

function isHoldable(status: OrderStatus): status is HoldableStatus {
  return status === 'RELEASED' || status === 'IN_PROGRESS' || status === 'COMPLETED';
}

/** What the caller asked for, and what the order's postings say. */
export interface OrderActionRequest {
  readonly action: OrderAction;
  readonly expectedRevision: number | null;
  readonly reason: string | null;
  /** Goods issues or receipts were posted against the order (production happened). */
  readonly hasPostings: boolean;
}

/**
 * The order's state after a planner's action, or every rule the action breaks. A hold keeps the
 * status it interrupted, and resuming returns to it; a cancel is for orders nothing was produced
 * for (a posted order is closed instead); hold, cancel and close need a reason.
 */
export function orderAfterAction(
  order: Order,
  request: OrderActionRequest,
): OrderState | MutationError<OrderChangeErrorCode>[] {
  const { action } = request;
  const errors: MutationError<OrderChangeErrorCode>[] = [];
  if (request.expectedRevision !== null && request.expectedRevision !== order.revision) {
    errors.push(
      ruleBroken(
        'REVISION_CONFLICT',
        'expectedRevision',
        `order ${order.number} is at revision ${order.revision}, not ${request.expectedRevision}`,
      ),
    );
  }
  if (action !== 'RESUME' && (request.reason ?? '').trim() === '') {
    errors.push(
      ruleBroken('REASON_REQUIRED', 'reason', `say why order ${order.number} is ${VERB[action]}`),
    );
  }
  if (!ACTION_FROM[action].includes(order.status)) {
    errors.push(
      ruleBroken(
        'ORDER_STATUS_NOT_ALLOWED',
        'orderNumber',
        `order ${order.number} is ${order.status}; only an order ${ACTION_FROM[action].join(', ')} can be ${VERB[action]}`,
      ),
    );
  } else if (action === 'CANCEL' && request.hasPostings) {
    errors.push(
      ruleBroken(
        'ORDER_HAS_POSTINGS',
        'orderNumber',
        `order ${order.number} has goods issues or receipts posted; close it instead of cancelling it`,
      ),
    );
  }
  if (errors.length > 0) return errors;
  switch (action) {
    case 'HOLD':
      return {
        status: 'ON_HOLD',
        statusBeforeHold: isHoldable(order.status) ? order.status : 'RELEASED',
      };
    case 'RESUME':
      return { status: order.resumesTo ?? 'RELEASED', statusBeforeHold: null };
    case 'CANCEL':
      return { status: 'CANCELLED', statusBeforeHold: null };
    case 'CLOSE':
      return { status: 'CLOSED', statusBeforeHold: null };
  }
}

/**
 * The order's state after a shop-floor or quality event: RELEASED → IN_PROGRESS when an
 * operation starts; RELEASED or IN_PROGRESS → COMPLETED on the final completion; RELEASED,
 * IN_PROGRESS or COMPLETED → ON_HOLD when an inspection of its output fails. While the order is
 * on hold, progress moves the status the hold will return to. Anything else changes nothing.
 */
export function orderStateAfterEvent(
  state: OrderState,
  eventType: string,
  finalCompletion: boolean,
): OrderState {
  if (state.status === 'ON_HOLD') {
    const underlying = state.statusBeforeHold ?? 'RELEASED';
    const moved = progressed(underlying, eventType, finalCompletion);
    return isHoldable(moved) && moved !== underlying
      ? { status: 'ON_HOLD', statusBeforeHold: moved }
      : state;
  }
  if (eventType === 'inspection.failed') {
    return isHoldable(state.status) ? { status: 'ON_HOLD', statusBeforeHold: state.status } : state;
  }
  const status = progressed(state.status, eventType, finalCompletion);
  return status === state.status ? state : { status, statusBeforeHold: null };
}

function progressed(status: OrderStatus, eventType: string, finalCompletion: boolean): OrderStatus {
  switch (eventType) {
    case 'operation.started':
      return status === 'RELEASED' ? 'IN_PROGRESS' : status;
    case 'production.completed':
      return finalCompletion && (status === 'RELEASED' || status === 'IN_PROGRESS')
        ? 'COMPLETED'
        : status;
    default:
      return status;
  }
}
