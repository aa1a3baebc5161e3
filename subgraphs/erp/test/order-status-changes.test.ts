import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { DEMO } from '@plantgraph/seed';
import type { TestDatabase } from '../../../test/support/database.ts';
import { openDemoDatabase } from '../../../test/support/demo-database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { outboxEvents } from '../../../test/support/outbox.ts';
import { erpDb, type ErpDb } from '../src/db/erp-db.ts';
import { startErp } from '../src/server.ts';

let database: TestDatabase;
let erp: RunningSubgraph;
let db: ErpDb;

type Action = 'holdOrder' | 'resumeOrder' | 'cancelOrder' | 'closeOrder';

interface ChangePayload {
  change: {
    orderNumber: string;
    status: string;
    previousStatus: string;
    reason: string | null;
    revision: number;
    correlationId: string;
    eventId: string;
    order: { status: string; statusReason: string | null; resumesTo: string | null };
  } | null;
  errors: { code: string; field: string; message: string }[];
}

async function change(
  action: Action,
  input: Record<string, unknown>,
  correlationId = 'planning-1',
): Promise<ChangePayload> {
  const response = await postGraphql<Record<Action, ChangePayload>>(
    erp.url,
    /* GraphQL */ `
      mutation ($input: OrderStatusChangeInput!) {
        ${action}(input: $input) {
          change {
            orderNumber
            status
            previousStatus
            reason
            revision
            correlationId
            eventId
            order {
              status
              statusReason
              resumesTo
            }
          }
          errors {
            code
            field
            message
          }
        }
      }
    `,
    { input: { actor: 'planner.anna', ...input } },
    { 'x-correlation-id': correlationId },
  );
  expect(response.errors).toBeUndefined();
  const payload = response.data?.[action];
  if (!payload) throw new Error(`no ${action} payload`);
  return payload;
}

const WRITTEN = ['erp.production_order', 'erp.outbox:id', 'erp.audit_entry'];

async function orderRow(number: string) {
  return db
    .selectFrom('production_order')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  database = await openDemoDatabase();
  erp = await startErp({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('erp', 'silent'),
  });
  db = erpDb(database.handle.root);
});

afterAll(async () => {
  await erp?.close();
  await database?.destroy();
});

describe('order status changes by planners', () => {
  it('holds an order in production with a reason, writes order.status.changed and an audit entry, and resumes it where it was', async () => {
    const before = await orderRow(DEMO.inProgressOrderNumber);
    expect(before.status).toBe('IN_PROGRESS');
    const held = await change(
      'holdOrder',
      {
        idempotencyKey: 'hold-223',
        orderNumber: DEMO.inProgressOrderNumber,
        reason: 'supplier recall under review',
        expectedRevision: before.revision,
      },
      'recall-review-7',
    );
    expect(held.errors).toEqual([]);
    expect(held.change).toMatchObject({
      orderNumber: DEMO.inProgressOrderNumber,
      status: 'ON_HOLD',
      previousStatus: 'IN_PROGRESS',
      reason: 'supplier recall under review',
      revision: before.revision + 1,
      correlationId: 'recall-review-7',
      order: {
        status: 'ON_HOLD',
        statusReason: 'supplier recall under review',
        resumesTo: 'IN_PROGRESS',
      },
    });
    const [event] = await outboxEvents(database.handle.root, 'erp', {
      type: 'order.status.changed',
    });
    expect(event).toMatchObject({
      id: held.change?.eventId,
      subject: DEMO.inProgressOrderNumber,
      correlationid: 'recall-review-7',
      aggregatetype: 'Order',
      aggregateid: before.id,
      aggregateversion: before.revision + 1,
      plant: before.plant_id,
      data: { status: 'ON_HOLD', previousStatus: 'IN_PROGRESS', statusBeforeHold: 'IN_PROGRESS' },
    });
    const audit = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('operation', '=', 'erp.holdOrder')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor: 'planner.anna',
      correlation_id: 'recall-review-7',
      aggregate_id: before.id,
      aggregate_revision: before.revision + 1,
      event_ids: [held.change?.eventId],
    });

    const resumed = await change('resumeOrder', {
      idempotencyKey: 'resume-223',
      orderNumber: DEMO.inProgressOrderNumber,
    });
    expect(resumed.change).toMatchObject({
      status: 'IN_PROGRESS',
      previousStatus: 'ON_HOLD',
      order: { status: 'IN_PROGRESS', resumesTo: null },
    });
  });

  it('answers a repeated request with the first answer and refuses the key for another request', async () => {
    const input = {
      idempotencyKey: 'hold-225',
      orderNumber: DEMO.releasedOrderNumber,
      reason: 'line 2 maintenance',
    };
    const first = await change('holdOrder', input);
    expect(first.change?.status).toBe('ON_HOLD');
    const written = await footprint(database.handle.root, WRITTEN);
    expect(await change('holdOrder', input)).toEqual(first);
    expect(await footprint(database.handle.root, WRITTEN)).toEqual(written);
    const reused = await change('holdOrder', { ...input, reason: 'something else' });
    expect(reused.errors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await footprint(database.handle.root, WRITTEN)).toEqual(written);
  });

  it.each([
    [
      'an unknown order',
      'closeOrder',
      { orderNumber: 'PO-999999', reason: 'x' },
      'ORDER_NOT_FOUND',
      'orderNumber',
    ],
    [
      'a hold without a reason',
      'holdOrder',
      { orderNumber: DEMO.inProgressOrderNumber, reason: ' ' },
      'REASON_REQUIRED',
      'reason',
    ],
    [
      'a stale revision',
      'holdOrder',
      { orderNumber: DEMO.inProgressOrderNumber, reason: 'x', expectedRevision: 1 },
      'REVISION_CONFLICT',
      'expectedRevision',
    ],
    [
      'a hold of an order not released yet',
      'holdOrder',
      { orderNumber: DEMO.createdOrderNumber, reason: 'x' },
      'ORDER_STATUS_NOT_ALLOWED',
      'orderNumber',
    ],
    [
      'a resume of an order not on hold',
      'resumeOrder',
      { orderNumber: DEMO.inProgressOrderNumber },
      'ORDER_STATUS_NOT_ALLOWED',
      'orderNumber',
    ],
    [
      'closing a closed order',
      'closeOrder',
      { orderNumber: DEMO.finishedLotOrderNumber, reason: 'x' },
      'ORDER_STATUS_NOT_ALLOWED',
      'orderNumber',
    ],
    [
      'cancelling an order production was posted against',
      'cancelOrder',
      { orderNumber: DEMO.heldLotOrderNumber, reason: 'x' },
      'ORDER_HAS_POSTINGS',
      'orderNumber',
    ],
    [
      'a blank actor',
      'closeOrder',
      { orderNumber: DEMO.inProgressOrderNumber, reason: 'x', actor: '' },
      'ACTOR_REQUIRED',
      'actor',
    ],
  ] as const)(
    'refuses %s with its code, changing nothing',
    async (_what, action, input, code, field) => {
      const before = await footprint(database.handle.root, WRITTEN);
      const refused = await change(action, {
        idempotencyKey: `refused-${code}-${action}`,
        ...input,
      });
      expect(refused.change).toBeNull();
      expect(refused.errors).toEqual([expect.objectContaining({ code, field })]);
      expect(await footprint(database.handle.root, WRITTEN)).toEqual(before);
    },
  );

  it('cancels a released order nothing was posted against, and closes a held one', async () => {
    const cancelled = await change('cancelOrder', {
      idempotencyKey: 'cancel-225',
      orderNumber: DEMO.releasedOrderNumber,
      reason: 'customer order withdrawn',
    });
    expect(cancelled.change).toMatchObject({ status: 'CANCELLED', previousStatus: 'ON_HOLD' });
    const closed = await change('closeOrder', {
      idempotencyKey: 'close-219',
      orderNumber: DEMO.heldLotOrderNumber,
      reason: 'remaining quantity will not be made',
    });
    expect(closed.change).toMatchObject({
      status: 'CLOSED',
      previousStatus: 'ON_HOLD',
      order: { resumesTo: null },
    });
  });
});
