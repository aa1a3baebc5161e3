import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { DEMO, migrateAll, seedDemo } from '@plantgraph/seed';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { outboxEvents } from '../../../test/support/outbox.ts';
import { mesDb, type MesDb } from '../src/db/mes-db.ts';
import { startMes } from '../src/server.ts';

let database: TestDatabase;
let mes: RunningSubgraph;
let db: MesDb;

const REPORT = /* GraphQL */ `
  fragment Report on OperationReportPayload {
    report {
      orderNumber
      sequence
      operationCode
      status
      goodQuantity {
        value
        uom
      }
      scrapQuantity {
        value
        uom
      }
      startedAt
      completedAt
      revision
      eventSequence
      occurredAt
      correlationId
      eventId
      operation {
        id
        status
        revision
      }
    }
    errors {
      code
      field
      message
    }
  }
`;
const START = /* GraphQL */ `
  mutation ($input: StartOperationInput!) {
    startOperation(input: $input) {
      ...Report
    }
  }
  ${REPORT}
`;
const PROGRESS = /* GraphQL */ `
  mutation ($input: OperationProgressInput!) {
    reportOperationProgress(input: $input) {
      ...Report
    }
  }
  ${REPORT}
`;
const COMPLETE = /* GraphQL */ `
  mutation ($input: CompleteOperationInput!) {
    completeOperation(input: $input) {
      ...Report
    }
  }
  ${REPORT}
`;

interface Payload {
  report: {
    sequence: number;
    status: string;
    goodQuantity: { value: string; uom: string };
    scrapQuantity: { value: string; uom: string };
    startedAt: string | null;
    completedAt: string | null;
    revision: number;
    eventSequence: number;
    correlationId: string;
    eventId: string;
    operation: { id: string; status: string; revision: number };
  } | null;
  errors: { code: string; field: string; message: string }[];
}

const ORDER = DEMO.releasedOrderNumber;
const WRITTEN = [
  'mes.operation',
  'mes.execution',
  'mes.operation_event',
  'mes.outbox:id',
  'mes.audit_entry',
  'mes.idempotency_key',
];

async function send(
  mutation: string,
  input: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Payload> {
  const response = await postGraphql<Record<string, Payload>>(
    mes.url,
    mutation,
    { input: { orderNumber: ORDER, actor: 'mes-line-3', ...input } },
    headers,
  );
  expect(response.errors).toBeUndefined();
  const payload = Object.values(response.data ?? {})[0];
  if (!payload) throw new Error('no payload');
  return payload;
}

const start = (input: Record<string, unknown>, headers?: Record<string, string>) =>
  send(START, input, headers);
const progress = (input: Record<string, unknown>) => send(PROGRESS, input);
const complete = (input: Record<string, unknown>) => send(COMPLETE, input);

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.handle.root);
  await seedDemo(database.handle.root);
  mes = await startMes({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('mes', 'silent'),
  });
  db = mesDb(database.handle.root);
});

afterAll(async () => {
  await mes?.close();
  await database?.destroy();
});

async function expectRefused(
  report: () => Promise<Payload>,
  code: string,
  field: string,
): Promise<void> {
  const before = await footprint(database.handle.root, WRITTEN);
  const payload = await report();
  expect(payload.report).toBeNull();
  expect(payload.errors).toContainEqual(expect.objectContaining({ code, field }));
  expect(await footprint(database.handle.root, WRITTEN)).toEqual(before);
}

describe('operation reports', () => {
  it('refuses to start an operation before the one ahead of it in the routing has completed', async () => {
    await expectRefused(
      () =>
        start({
          idempotencyKey: 'start-20-early',
          sequence: 20,
          eventSequence: 1,
          occurredAt: '2026-11-20T06:00:00Z',
        }),
      'OPERATION_OUT_OF_SEQUENCE',
      'sequence',
    );
  });

  it('refuses a timestamp before the order was released', async () => {
    await expectRefused(
      () =>
        start({
          idempotencyKey: 'start-10-early',
          sequence: 10,
          eventSequence: 1,
          occurredAt: '2026-11-19T16:59:59Z',
        }),
      'TIMESTAMP_BEFORE_RELEASE',
      'occurredAt',
    );
  });

  it('refuses progress on an operation that has not started', async () => {
    await expectRefused(
      () =>
        progress({
          idempotencyKey: 'progress-pending',
          sequence: 10,
          eventSequence: 1,
          occurredAt: '2026-11-20T06:00:00Z',
          goodQuantity: '1',
        }),
      'OPERATION_NOT_STARTED',
      'sequence',
    );
  });

  it('starts the first operation: the operation and the execution are under way, operation.started is written', async () => {
    const before = await db
      .selectFrom('operation')
      .selectAll()
      .where('id', '=', 'operation-000225-010')
      .executeTakeFirstOrThrow();
    const payload = await start(
      {
        idempotencyKey: 'start-10',
        sequence: 10,
        eventSequence: 1,
        occurredAt: '2026-11-20T06:00:00+01:00',
      },
      { 'x-correlation-id': 'shift-early-0001' },
    );
    expect(payload.errors).toEqual([]);
    expect(payload.report).toMatchObject({
      sequence: 10,
      status: 'IN_PROGRESS',
      startedAt: '2026-11-20T05:00:00.000Z',
      revision: before.revision + 1,
      eventSequence: 1,
      correlationId: 'shift-early-0001',
      operation: { id: before.id, status: 'IN_PROGRESS', revision: before.revision + 1 },
    });
    const execution = await db
      .selectFrom('execution')
      .selectAll()
      .where('order_id', '=', before.order_id)
      .executeTakeFirstOrThrow();
    expect(execution.status).toBe('IN_PROGRESS');
    expect(execution.started_at?.toISOString()).toBe('2026-11-20T05:00:00.000Z');
    const [event] = await outboxEvents(database.handle.root, 'mes', { type: 'operation.started' });
    expect(event).toMatchObject({
      id: payload.report?.eventId,
      aggregatetype: 'Operation',
      aggregateid: before.id,
      aggregateversion: before.revision + 1,
      correlationid: 'shift-early-0001',
      data: expect.objectContaining({ orderId: before.order_id, sequence: 10, eventSequence: 1 }),
    });
    const audit = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('aggregate_id', '=', before.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'mes-line-3',
        correlation_id: 'shift-early-0001',
        operation: 'mes.startOperation',
        revisions_in_effect: expect.objectContaining({ itemRevision: 'item-fg-pump-150-rev-b' }),
      }),
    ]);
  });

  it('answers a repeated event sequence with the first answer, even under a new key, and writes nothing', async () => {
    const first = await start({
      idempotencyKey: 'start-10',
      sequence: 10,
      eventSequence: 1,
      occurredAt: '2026-11-20T06:00:00+01:00',
    });
    const before = await footprint(database.handle.root, WRITTEN.slice(0, 5));
    const repeat = await start({
      idempotencyKey: 'start-10-resent-by-the-mes',
      sequence: 10,
      eventSequence: 1,
      occurredAt: '2026-11-20T06:00:00+01:00',
    });
    expect(repeat).toEqual(first);
    expect(await footprint(database.handle.root, WRITTEN.slice(0, 5))).toEqual(before);
  });

  it('refuses a different report under an event sequence already used', async () => {
    await expectRefused(
      () =>
        start({
          idempotencyKey: 'start-10-other',
          sequence: 10,
          eventSequence: 1,
          occurredAt: '2026-11-20T07:00:00Z',
        }),
      'SEQUENCE_REUSED',
      'eventSequence',
    );
  });

  it('refuses to start an operation twice', async () => {
    await expectRefused(
      () =>
        start({
          idempotencyKey: 'start-10-again',
          sequence: 10,
          eventSequence: 2,
          occurredAt: '2026-11-20T07:00:00Z',
        }),
      'OPERATION_ALREADY_STARTED',
      'sequence',
    );
  });

  it('refuses a timestamp before the operation started', async () => {
    await expectRefused(
      () =>
        progress({
          idempotencyKey: 'progress-before-start',
          sequence: 10,
          eventSequence: 2,
          occurredAt: '2026-11-20T04:59:59Z',
          goodQuantity: '2',
        }),
      'TIMESTAMP_BEFORE_START',
      'occurredAt',
    );
  });

  it('refuses a negative quantity', async () => {
    await expectRefused(
      () =>
        progress({
          idempotencyKey: 'progress-negative',
          sequence: 10,
          eventSequence: 2,
          occurredAt: '2026-11-20T07:00:00Z',
          goodQuantity: '3',
          scrapQuantity: '-1',
        }),
      'QUANTITY_NEGATIVE',
      'scrapQuantity',
    );
  });

  it('adds progress to the operation', async () => {
    const payload = await progress({
      idempotencyKey: 'progress-10-a',
      sequence: 10,
      eventSequence: 3,
      occurredAt: '2026-11-20T08:00:00Z',
      goodQuantity: '12.5',
      scrapQuantity: '0.5',
    });
    expect(payload.errors).toEqual([]);
    expect(payload.report).toMatchObject({
      status: 'IN_PROGRESS',
      goodQuantity: { value: '12.5', uom: 'EA' },
      scrapQuantity: { value: '0.5', uom: 'EA' },
    });
  });

  it('refuses an event sequence older than one already applied as stale', async () => {
    await expectRefused(
      () =>
        progress({
          idempotencyKey: 'progress-stale',
          sequence: 10,
          eventSequence: 2,
          occurredAt: '2026-11-20T08:30:00Z',
          goodQuantity: '1',
        }),
      'STALE_SEQUENCE',
      'eventSequence',
    );
  });

  it('refuses good and scrap above the planned quantity', async () => {
    // 12.5 + 0.5 reported of 20 planned: 7.5 more would be 20.5.
    await expectRefused(
      () =>
        complete({
          idempotencyKey: 'complete-over',
          sequence: 10,
          eventSequence: 4,
          occurredAt: '2026-11-20T09:00:00Z',
          goodQuantity: '7.5',
        }),
      'QUANTITY_OVER_PLANNED',
      'goodQuantity',
    );
  });

  it('refuses a stale expected revision, an unknown operation, a sequence below 1 and an order not released', async () => {
    await expectRefused(
      () =>
        progress({
          idempotencyKey: 'progress-revision',
          sequence: 10,
          eventSequence: 4,
          occurredAt: '2026-11-20T09:00:00Z',
          goodQuantity: '1',
          expectedRevision: 1,
        }),
      'REVISION_CONFLICT',
      'expectedRevision',
    );
    await expectRefused(
      () =>
        start({
          idempotencyKey: 'start-99',
          sequence: 99,
          eventSequence: 1,
          occurredAt: '2026-11-20T09:00:00Z',
        }),
      'OPERATION_NOT_FOUND',
      'sequence',
    );
    await expectRefused(
      () =>
        progress({
          idempotencyKey: 'progress-zero-seq',
          sequence: 10,
          eventSequence: 0,
          occurredAt: '2026-11-20T09:00:00Z',
          goodQuantity: '1',
        }),
      'SEQUENCE_INVALID',
      'eventSequence',
    );
    await expectRefused(
      () =>
        start({
          idempotencyKey: 'start-created',
          orderNumber: DEMO.createdOrderNumber,
          sequence: 10,
          eventSequence: 1,
          occurredAt: '2026-11-20T09:00:00Z',
        }),
      'ORDER_NOT_RELEASED',
      'orderNumber',
    );
  });

  it('completes the operation; the next one may then start', async () => {
    const done = await complete({
      idempotencyKey: 'complete-10',
      sequence: 10,
      eventSequence: 4,
      occurredAt: '2026-11-20T09:00:00Z',
      goodQuantity: '6',
      scrapQuantity: '1',
    });
    expect(done.errors).toEqual([]);
    expect(done.report).toMatchObject({
      status: 'COMPLETED',
      goodQuantity: { value: '18.5', uom: 'EA' },
      scrapQuantity: { value: '1.5', uom: 'EA' },
      completedAt: '2026-11-20T09:00:00.000Z',
    });
    const next = await start({
      idempotencyKey: 'start-20',
      sequence: 20,
      eventSequence: 1,
      occurredAt: '2026-11-20T09:05:00Z',
    });
    expect(next.errors).toEqual([]);
    const types = (await outboxEvents(database.handle.root, 'mes')).map((e) => e.type);
    expect(types).toEqual([
      'operation.started',
      'operation.progressed',
      'operation.completed',
      'operation.started',
    ]);
  });

  it('refuses reports once the execution is completed', async () => {
    await db
      .updateTable('execution')
      .set({ status: 'COMPLETED' })
      .where('order_id', '=', 'order-000229')
      .execute();
    await expectRefused(
      () =>
        start({
          idempotencyKey: 'start-closed',
          orderNumber: 'PO-100229',
          sequence: 10,
          eventSequence: 1,
          occurredAt: '2026-11-20T09:00:00Z',
        }),
      'EXECUTION_COMPLETED',
      'orderNumber',
    );
  });

  it('gives 50 concurrent identical reports one effect and 50 identical answers', async () => {
    const input = {
      idempotencyKey: 'progress-20-burst',
      sequence: 20,
      eventSequence: 2,
      occurredAt: '2026-11-20T10:00:00Z',
      goodQuantity: '1',
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => progress(input)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.report?.goodQuantity).toEqual({ value: '1', uom: 'EA' });
    const events = await outboxEvents(database.handle.root, 'mes', {
      type: 'operation.progressed',
    });
    expect(events.filter((e) => e.aggregateid === 'operation-000225-020')).toHaveLength(1);
  });
});
