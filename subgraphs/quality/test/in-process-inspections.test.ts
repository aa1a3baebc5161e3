import type { EventEnvelope } from '@plantgraph/events';
import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { DEMO } from '@plantgraph/seed';
import { erpDb } from '../../erp/src/db/erp-db.ts';
import { orderStatusHandler } from '../../erp/src/events/order-status.ts';
import { releaseOrder } from '../../erp/src/mutations/release-order.ts';
import { mesDb } from '../../mes/src/db/mes-db.ts';
import { orderReleasedHandler as mesOrderReleased } from '../../mes/src/events/order-released.ts';
import { reportCompletion } from '../../mes/src/mutations/report-completion.ts';
import { reportOperation } from '../../mes/src/mutations/report-operation.ts';
import type { TestDatabase } from '../../../test/support/database.ts';
import { openDemoDatabase } from '../../../test/support/demo-database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { handleEach, outboxEvents, outboxMark } from '../../../test/support/outbox.ts';
import { qualityDb, type QualityDb } from '../src/db/quality-db.ts';
import {
  ReleaseNotAppliedError,
  operationCompletedHandler,
} from '../src/events/operation-completed.ts';
import { orderReleasedHandler } from '../src/events/order-released.ts';
import { productionCompletedHandler } from '../src/events/production-completed.ts';
import { dispositionLot } from '../src/mutations/disposition-lot.ts';
import { dispositionNonconformance } from '../src/mutations/disposition-nonconformance.ts';
import { recordInspectionResults } from '../src/mutations/record-inspection-results.ts';
import { startQuality } from '../src/server.ts';

let database: TestDatabase;
let db: QualityDb;
let quality: RunningSubgraph;

const WRITTEN = [
  'quality.inspection',
  'quality.nonconformance',
  'quality.lot_quality',
  'quality.lot_ref',
  'quality.released_order',
  'quality.outbox:id',
];

/** Reports shop-floor times after the release, an hour per report. */
function shopFloorClock(start: Date) {
  let hours = 0;
  return () => new Date(start.getTime() + ++hours * 3600_000);
}

beforeAll(async () => {
  database = await openDemoDatabase();
  db = qualityDb(database.handle.root);
  quality = await startQuality({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('quality', 'silent'),
  });
});

afterAll(async () => {
  await quality?.close();
  await database?.destroy();
});

async function release(orderNumber: string, releaseAt: Date): Promise<EventEnvelope> {
  const mark = await outboxMark(database.handle.root, 'erp');
  const outcome = await releaseOrder(
    { db: erpDb(database.handle.root), correlationId: `release-${orderNumber}` },
    {
      idempotencyKey: `release-${orderNumber}`,
      orderNumber,
      actor: 'planner',
      expectedRevision: null,
      releaseAt,
    },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const [event] = await outboxEvents(database.handle.root, 'erp', {
    type: 'order.released',
    afterSeq: mark,
  });
  if (!event) throw new Error('no order.released');
  await handleEach(mesDb(database.handle.root), mesOrderReleased, [event]);
  return event;
}

/** Starts and completes the operation at `sequence`; answers its `operation.completed`. */
async function runOperation(
  orderNumber: string,
  sequence: number,
  clock: () => Date,
): Promise<EventEnvelope> {
  const mes = { db: mesDb(database.handle.root), correlationId: `shop-${orderNumber}-${sequence}` };
  const common = { orderNumber, sequence, actor: 'mes.line', expectedRevision: null };
  const mark = await outboxMark(database.handle.root, 'mes');
  for (const [kind, eventSequence] of [
    ['START', 1],
    ['COMPLETE', 2],
  ] as const) {
    const outcome = await reportOperation(mes, {
      ...common,
      idempotencyKey: `${orderNumber}-${sequence}-${kind}`,
      kind,
      eventSequence,
      occurredAt: clock(),
      goodQuantity: kind === 'COMPLETE' ? '1' : '0',
      scrapQuantity: '0',
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  }
  const [event] = await outboxEvents(database.handle.root, 'mes', {
    type: 'operation.completed',
    afterSeq: mark,
  });
  if (!event) throw new Error('no operation.completed');
  return event;
}

/** Reports output into a new lot; answers the `production.completed` event. */
async function complete(
  orderNumber: string,
  lotNumber: string,
  at: Date,
  final: boolean,
): Promise<EventEnvelope> {
  const outcome = await reportCompletion(
    { db: mesDb(database.handle.root), correlationId: `complete-${lotNumber}` },
    {
      idempotencyKey: `complete-${lotNumber}`,
      orderNumber,
      goodQuantity: '1',
      scrapQuantity: '0',
      final,
      lotNumber,
      completedAt: at,
      actor: 'mes.line',
      expectedRevision: null,
    },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const events = await outboxEvents(database.handle.root, 'mes', { type: 'production.completed' });
  const event = events.find((e) => e.id === outcome.value.eventId);
  if (!event) throw new Error('no production.completed');
  return event;
}

async function inspectionOfOperation(operationId: string) {
  return db
    .selectFrom('inspection')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('type', '=', 'IN_PROCESS')
    .execute();
}

/** Values for every characteristic of the plan: within its limits, or the first one above. */
async function measurements(planId: string, failing: boolean) {
  const characteristics = await db
    .selectFrom('plan_characteristic')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  const failed = characteristics.find((c) => c.upper_limit !== null);
  if (failing && !failed) throw new Error(`plan ${planId} has no upper limit to exceed`);
  return characteristics.map((c) => ({
    characteristicCode: c.code,
    measured:
      failing && c.code === failed?.code
        ? String(Number(c.upper_limit) + 1)
        : (c.target ?? c.upper_limit ?? c.lower_limit ?? '0'),
  }));
}

async function lotIdOf(lotNumber: string): Promise<string> {
  const ref = await db
    .selectFrom('lot_ref')
    .select('lot_id')
    .where('lot_number', '=', lotNumber)
    .executeTakeFirstOrThrow();
  return ref.lot_id;
}

async function qualityStatusOf(lotId: string) {
  return (
    await db
      .selectFrom('lot_quality')
      .select('status')
      .where('lot_id', '=', lotId)
      .executeTakeFirst()
  )?.status;
}

describe('in-process inspections', () => {
  const releasedAt = new Date('2026-11-26T08:00:00Z');
  const clock = shopFloorClock(releasedAt);
  const ORDER = DEMO.createdOrderNumber; // PO-100230: FG-1000 rev B, in-process check at 30
  const ORDER_ID = 'order-000230';
  const INSPECTED_OPERATION = 'order-000230-op-030';
  let released: EventEnvelope;
  let completed30: EventEnvelope;
  let inspectionNumber: string;
  let nonconformanceNumber: string;

  it('are not opened before quality knows the release: the event fails and is delivered again', async () => {
    released = await release(ORDER, releasedAt);
    const completed10 = await runOperation(ORDER, 10, clock);
    const before = await footprint(database.handle.root, WRITTEN);
    await expect(handleEach(db, operationCompletedHandler, [completed10])).rejects.toThrow(
      ReleaseNotAppliedError,
    );
    expect(await footprint(database.handle.root, WRITTEN)).toEqual(before);

    await handleEach(db, orderReleasedHandler, [released]);
    await handleEach(db, operationCompletedHandler, [completed10]);
    // Operation 10 needs no inspection: nothing is opened for it.
    expect(await inspectionOfOperation('order-000230-op-010')).toEqual([]);
  });

  it('open one PLANNED inspection when the inspected operation completes, on the plan pinned at release, once', async () => {
    await handleEach(db, operationCompletedHandler, [await runOperation(ORDER, 20, clock)]);
    completed30 = await runOperation(ORDER, 30, clock);
    await handleEach(db, operationCompletedHandler, [completed30]);
    const once = await footprint(database.handle.root, WRITTEN);
    await handleEach(db, operationCompletedHandler, [completed30]);
    expect(await footprint(database.handle.root, WRITTEN)).toEqual(once);

    const opened = await inspectionOfOperation(INSPECTED_OPERATION);
    expect(opened).toEqual([
      expect.objectContaining({
        type: 'IN_PROCESS',
        status: 'PLANNED',
        plan_id: 'plan-fg-1000-ipq-2',
        order_id: ORDER_ID,
        operation_id: INSPECTED_OPERATION,
        lot_id: null,
        revision: 1,
      }),
    ]);
    expect(opened[0]?.number).toMatch(/^INS-\d+$/);
    expect(opened[0]?.created_at.toISOString()).toBe(
      (completed30.data as { completedAt: string }).completedAt,
    );
    inspectionNumber = opened[0]?.number ?? '';
  });

  it('raise a failure without a lot against the order and operation: no lot is held, the order is', async () => {
    const mark = await outboxMark(database.handle.root, 'quality');
    const outcome = await recordInspectionResults(
      { db, correlationId: 'ipq-fail' },
      {
        idempotencyKey: 'ipq-fail-230',
        inspectionNumber,
        inspectedAt: clock(),
        actor: 'inspector.kim',
        results: await measurements('plan-fg-1000-ipq-2', true),
        expectedRevision: 1,
        nonconformance: null,
      },
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.value).toMatchObject({
      status: 'FAILED',
      lotId: null,
      lotQualityStatus: null,
      nonconformanceId: expect.any(String),
    });
    const nc = await db
      .selectFrom('nonconformance')
      .selectAll()
      .where('id', '=', outcome.value.nonconformanceId ?? '')
      .executeTakeFirstOrThrow();
    expect(nc).toMatchObject({
      lot_id: null,
      order_id: ORDER_ID,
      operation_id: INSPECTED_OPERATION,
      status: 'OPEN',
      severity: 'MAJOR',
    });
    nonconformanceNumber = nc.number;

    const events = await outboxEvents(database.handle.root, 'quality', { afterSeq: mark });
    expect(events.map((e) => e.type)).toEqual(['inspection.failed', 'nonconformance.raised']);
    const plant = (released.data as { plantId: string }).plantId;
    expect(events.map((e) => e.plant)).toEqual([plant, plant]);
    expect(events[0]?.data).toMatchObject({
      type: 'IN_PROCESS',
      lotId: null,
      itemId: 'item-fg-pump-100',
      orderId: ORDER_ID,
      operationId: INSPECTED_OPERATION,
      nonconformanceId: nc.id,
    });
    expect(events[1]?.data).toMatchObject({ lotId: null, orderId: ORDER_ID });

    // erp's order-status consumer puts the order on hold on inspection.failed.
    await handleEach(erpDb(database.handle.root), orderStatusHandler, events);
    const order = await erpDb(database.handle.root)
      .selectFrom('production_order')
      .select('status')
      .where('id', '=', ORDER_ID)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('ON_HOLD');
  });

  it('show the inspection and its nonconformance against the order and operation, without a lot', async () => {
    const response = await postGraphql<{
      inspectionByNumber: {
        type: string;
        status: string;
        lot: { id: string } | null;
        order: { id: string } | null;
        operation: { id: string } | null;
        plan: { id: string };
        nonconformances: {
          number: string;
          lot: { id: string } | null;
          order: { id: string } | null;
          operation: { id: string } | null;
        }[];
      } | null;
      _entities: ({ nonconformances: { number: string }[] } | null)[];
    }>(
      quality.url,
      `query ($number: String!, $order: [_Any!]!) {
        inspectionByNumber(number: $number) {
          type status lot { id } order { id } operation { id } plan { id }
          nonconformances { number lot { id } order { id } operation { id } }
        }
        _entities(representations: $order) { ... on Order { nonconformances { number } } }
      }`,
      { number: inspectionNumber, order: [{ __typename: 'Order', id: ORDER_ID }] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.inspectionByNumber).toEqual({
      type: 'IN_PROCESS',
      status: 'FAILED',
      lot: null,
      order: { id: ORDER_ID },
      operation: { id: INSPECTED_OPERATION },
      plan: { id: 'plan-fg-1000-ipq-2' },
      nonconformances: [
        {
          number: nonconformanceNumber,
          lot: null,
          order: { id: ORDER_ID },
          operation: { id: INSPECTED_OPERATION },
        },
      ],
    });
    expect(response.data?._entities).toEqual([
      { nonconformances: [{ number: nonconformanceNumber }] },
    ]);
  });

  it('hold the lots the order makes while that nonconformance is open, and keep them from release', async () => {
    await handleEach(db, operationCompletedHandler, [await runOperation(ORDER, 40, clock)]);
    await handleEach(db, operationCompletedHandler, [await runOperation(ORDER, 50, clock)]);
    const mark = await outboxMark(database.handle.root, 'quality');
    const produced = await complete(ORDER, 'PUMP-IPQ-1', clock(), true);
    await handleEach(db, productionCompletedHandler, [produced]);
    const once = await footprint(database.handle.root, WRITTEN);
    await handleEach(db, productionCompletedHandler, [produced]);
    expect(await footprint(database.handle.root, WRITTEN)).toEqual(once);

    const lotId = await lotIdOf('PUMP-IPQ-1');
    expect(await qualityStatusOf(lotId)).toBe('ON_HOLD');
    const [hold, ...others] = await outboxEvents(database.handle.root, 'quality', {
      afterSeq: mark,
    });
    expect(others).toEqual([]);
    expect(hold).toMatchObject({
      type: 'lot.hold.changed',
      aggregateid: lotId,
      aggregateversion: 1,
      correlationid: produced.correlationid,
      causationid: produced.id,
    });
    expect(hold?.data).toMatchObject({ lotId, status: 'ON_HOLD', onHold: true });
    expect((hold?.data as { reason: string }).reason).toContain(nonconformanceNumber);

    // The final inspection passes, yet the lot stays on hold: the order's nonconformance is open.
    const final = await db
      .selectFrom('inspection')
      .selectAll()
      .where('lot_id', '=', lotId)
      .where('type', '=', 'FINAL')
      .executeTakeFirstOrThrow();
    const passed = await recordInspectionResults(
      { db, correlationId: 'final-pass' },
      {
        idempotencyKey: 'final-pass-ipq-1',
        inspectionNumber: final.number,
        inspectedAt: clock(),
        actor: 'inspector.kim',
        results: await measurements(final.plan_id, false),
        expectedRevision: null,
        nonconformance: null,
      },
    );
    expect(passed).toMatchObject({
      ok: true,
      value: { status: 'PASSED', lotQualityStatus: 'ON_HOLD' },
    });
    const refused = await dispositionLot(
      { db, correlationId: 'release-too-early' },
      {
        idempotencyKey: 'release-ipq-1-early',
        lotNumber: 'PUMP-IPQ-1',
        disposition: 'RELEASE',
        reason: 'looks fine',
        actor: 'qe.maria',
        expectedRevision: null,
      },
    );
    expect(refused).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          code: 'NONCONFORMANCE_OPEN',
          field: 'disposition',
          message: expect.stringContaining(nonconformanceNumber),
        }),
      ],
    });
  });

  it('decide an order nonconformance without touching a lot, after which its lots may be released', async () => {
    const decided = await dispositionNonconformance(
      { db, correlationId: 'mrb' },
      {
        idempotencyKey: 'mrb-ipq-230',
        nonconformanceNumber,
        disposition: 'SCRAP',
        reason: 'Balancing out of tolerance; the batch made since is judged lot by lot',
        actor: 'mrb.board',
        expectedRevision: null,
      },
    );
    if (!decided.ok) throw new Error(JSON.stringify(decided.errors));
    expect(decided.value).toMatchObject({ lotId: null, lotQualityStatus: null });
    expect(decided.value.eventIds).toHaveLength(1);
    const lotId = await lotIdOf('PUMP-IPQ-1');
    expect(await qualityStatusOf(lotId)).toBe('ON_HOLD');

    const released = await dispositionLot(
      { db, correlationId: 'release-after-mrb' },
      {
        idempotencyKey: 'release-ipq-1',
        lotNumber: 'PUMP-IPQ-1',
        disposition: 'RELEASE',
        reason: `Made before the failure took effect; ${nonconformanceNumber} decided`,
        actor: 'qe.maria',
        expectedRevision: null,
      },
    );
    expect(released).toMatchObject({ ok: true, value: { status: 'RELEASED' } });
  });
});

describe('in-process inspections of an order that has made a lot', () => {
  it('link the inspection to the lot the order is producing', async () => {
    const order = 'PO-100225';
    const clock = shopFloorClock(new Date('2026-11-26T06:00:00Z'));
    await handleEach(db, operationCompletedHandler, [await runOperation(order, 10, clock)]);
    const produced = await complete(order, 'CP150-IPQ-1', clock(), false);
    await handleEach(db, productionCompletedHandler, [produced]);
    const later = await complete(order, 'CP150-IPQ-2', clock(), false);
    await handleEach(db, productionCompletedHandler, [later]);
    await handleEach(db, operationCompletedHandler, [await runOperation(order, 20, clock)]);

    const [opened, ...others] = await inspectionOfOperation('operation-000225-020');
    expect(others).toEqual([]);
    expect(opened).toMatchObject({
      status: 'PLANNED',
      plan_id: 'plan-fg-1001-ipq-2',
      order_id: 'order-000225',
      lot_id: await lotIdOf('CP150-IPQ-2'),
    });
  });

  it('link an inspection opened before the first lot to it, and hold that lot when it fails', async () => {
    const order = 'PO-100228';
    const clock = shopFloorClock(new Date('2026-11-26T06:00:00Z'));
    await handleEach(db, operationCompletedHandler, [await runOperation(order, 10, clock)]);
    await handleEach(db, operationCompletedHandler, [await runOperation(order, 20, clock)]);
    const [waiting] = await inspectionOfOperation('operation-000228-020');
    expect(waiting).toMatchObject({ status: 'PLANNED', lot_id: null, revision: 1 });

    const produced = await complete(order, 'BOOST-IPQ-1', clock(), false);
    await handleEach(db, productionCompletedHandler, [produced]);
    const lotId = await lotIdOf('BOOST-IPQ-1');
    const [linked] = await inspectionOfOperation('operation-000228-020');
    expect(linked).toMatchObject({ number: waiting?.number, lot_id: lotId, revision: 2 });
    expect(await qualityStatusOf(lotId)).toBe('QUARANTINE');

    const mark = await outboxMark(database.handle.root, 'quality');
    const failed = await recordInspectionResults(
      { db, correlationId: 'ipq-fail-228' },
      {
        idempotencyKey: 'ipq-fail-228',
        inspectionNumber: waiting?.number ?? '',
        inspectedAt: clock(),
        actor: 'inspector.kim',
        results: await measurements(linked?.plan_id ?? '', true),
        expectedRevision: 2,
        nonconformance: { severity: 'MINOR', description: 'Head below curve at duty point' },
      },
    );
    expect(failed).toMatchObject({
      ok: true,
      value: { status: 'FAILED', lotId, lotQualityStatus: 'ON_HOLD' },
    });
    const events = await outboxEvents(database.handle.root, 'quality', { afterSeq: mark });
    expect(events.map((e) => e.type)).toEqual([
      'inspection.failed',
      'lot.hold.changed',
      'nonconformance.raised',
    ]);
    expect(events[0]?.data).toMatchObject({ lotId, orderId: 'order-000228' });
    const nc = await db
      .selectFrom('nonconformance')
      .selectAll()
      .where('inspection_id', '=', waiting?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(nc).toMatchObject({
      lot_id: lotId,
      order_id: 'order-000228',
      operation_id: 'operation-000228-020',
      severity: 'MINOR',
    });
  });
});
