import {
  orderAfterAction,
  orderStateAfterEvent,
  type OrderActionRequest,
} from '../src/domain/order-lifecycle.ts';
import type { HoldableStatus, Order, OrderStatus } from '../src/domain/order.ts';

function order(status: OrderStatus, resumesTo: HoldableStatus | null = null): Order {
  return {
    id: 'order-1',
    number: 'PO-1',
    plantId: 'plant-lyon',
    itemId: 'item-1',
    plannedQuantity: { value: '10', uom: 'EA' },
    status,
    dueDate: '2026-12-31',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    releasedAt: null,
    pinnedItemRevisionId: null,
    pinnedBomId: null,
    pinnedRoutingId: null,
    statusReason: null,
    resumesTo,
    revision: 3,
    sourceKey: 'AUFNR 1',
    updatedAt: new Date('2026-11-01T00:00:00Z'),
  };
}

const ask = (
  action: OrderActionRequest['action'],
  more: Partial<OrderActionRequest> = {},
): OrderActionRequest => ({
  action,
  expectedRevision: null,
  reason: 'planner decision',
  hasPostings: false,
  ...more,
});

const codes = (outcome: ReturnType<typeof orderAfterAction>) =>
  Array.isArray(outcome) ? outcome.map((e) => `${e.code}@${e.field}`) : [];

describe('a planner changing an order', () => {
  it('holds an order in production and resumes it where it was', () => {
    const held = orderAfterAction(order('IN_PROGRESS'), ask('HOLD'));
    expect(held).toEqual({ status: 'ON_HOLD', statusBeforeHold: 'IN_PROGRESS' });
    expect(
      orderAfterAction(order('ON_HOLD', 'IN_PROGRESS'), ask('RESUME', { reason: null })),
    ).toEqual({ status: 'IN_PROGRESS', statusBeforeHold: null });
    expect(orderAfterAction(order('ON_HOLD', 'COMPLETED'), ask('RESUME'))).toEqual({
      status: 'COMPLETED',
      statusBeforeHold: null,
    });
  });

  it('refuses each action from a status it does not start from, naming the order', () => {
    expect(codes(orderAfterAction(order('CREATED'), ask('HOLD')))).toEqual([
      'ORDER_STATUS_NOT_ALLOWED@orderNumber',
    ]);
    expect(codes(orderAfterAction(order('RELEASED'), ask('RESUME')))).toEqual([
      'ORDER_STATUS_NOT_ALLOWED@orderNumber',
    ]);
    expect(codes(orderAfterAction(order('IN_PROGRESS'), ask('CANCEL')))).toEqual([
      'ORDER_STATUS_NOT_ALLOWED@orderNumber',
    ]);
    expect(codes(orderAfterAction(order('CLOSED'), ask('CLOSE')))).toEqual([
      'ORDER_STATUS_NOT_ALLOWED@orderNumber',
    ]);
    expect(codes(orderAfterAction(order('CANCELLED'), ask('HOLD')))).toEqual([
      'ORDER_STATUS_NOT_ALLOWED@orderNumber',
    ]);
  });

  it('cancels only an order nothing was posted against, and closes one that was', () => {
    expect(orderAfterAction(order('RELEASED'), ask('CANCEL'))).toEqual({
      status: 'CANCELLED',
      statusBeforeHold: null,
    });
    expect(
      codes(orderAfterAction(order('ON_HOLD', 'RELEASED'), ask('CANCEL', { hasPostings: true }))),
    ).toEqual(['ORDER_HAS_POSTINGS@orderNumber']);
    expect(
      orderAfterAction(order('ON_HOLD', 'IN_PROGRESS'), ask('CLOSE', { hasPostings: true })),
    ).toEqual({
      status: 'CLOSED',
      statusBeforeHold: null,
    });
  });

  it('needs a reason to hold, cancel or close, and the revision the caller saw', () => {
    expect(
      codes(
        orderAfterAction(order('RELEASED'), ask('HOLD', { reason: '  ', expectedRevision: 2 })),
      ),
    ).toEqual(['REVISION_CONFLICT@expectedRevision', 'REASON_REQUIRED@reason']);
    expect(codes(orderAfterAction(order('RELEASED'), ask('CANCEL', { reason: null })))).toEqual([
      'REASON_REQUIRED@reason',
    ]);
    expect(orderAfterAction(order('RELEASED'), ask('CLOSE', { expectedRevision: 3 }))).toEqual({
      status: 'CLOSED',
      statusBeforeHold: null,
    });
  });
});

describe('an order following the shop floor and quality', () => {
  const open = (status: OrderStatus, before: HoldableStatus | null = null) => ({
    status,
    statusBeforeHold: before,
  });

  it('moves through its statuses from shop-floor and quality events', () => {
    expect(orderStateAfterEvent(open('RELEASED'), 'operation.started', false)).toEqual(
      open('IN_PROGRESS'),
    );
    expect(orderStateAfterEvent(open('IN_PROGRESS'), 'operation.started', false)).toEqual(
      open('IN_PROGRESS'),
    );
    expect(orderStateAfterEvent(open('IN_PROGRESS'), 'production.completed', false)).toEqual(
      open('IN_PROGRESS'),
    );
    expect(orderStateAfterEvent(open('IN_PROGRESS'), 'production.completed', true)).toEqual(
      open('COMPLETED'),
    );
    expect(orderStateAfterEvent(open('COMPLETED'), 'inspection.failed', false)).toEqual(
      open('ON_HOLD', 'COMPLETED'),
    );
    expect(orderStateAfterEvent(open('CLOSED'), 'inspection.failed', false)).toEqual(
      open('CLOSED'),
    );
    expect(orderStateAfterEvent(open('CANCELLED'), 'operation.started', false)).toEqual(
      open('CANCELLED'),
    );
  });

  it('keeps a hold while production goes on, and returns to where production got', () => {
    expect(orderStateAfterEvent(open('ON_HOLD', 'RELEASED'), 'operation.started', false)).toEqual(
      open('ON_HOLD', 'IN_PROGRESS'),
    );
    expect(
      orderStateAfterEvent(open('ON_HOLD', 'IN_PROGRESS'), 'production.completed', true),
    ).toEqual(open('ON_HOLD', 'COMPLETED'));
    expect(
      orderStateAfterEvent(open('ON_HOLD', 'IN_PROGRESS'), 'inspection.failed', false),
    ).toEqual(open('ON_HOLD', 'IN_PROGRESS'));
  });
});
