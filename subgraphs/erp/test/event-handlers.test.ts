import { Decimal } from 'decimal.js';
import { PermanentEventError, type EventEnvelope } from '@plantgraph/events';
import { DEMO } from '@plantgraph/seed';
import { mesDb } from '../../mes/src/db/mes-db.ts';
import { orderReleasedHandler as mesOrderReleased } from '../../mes/src/events/order-released.ts';
import { recordConsumption } from '../../mes/src/mutations/record-consumption.ts';
import { reportCompletion } from '../../mes/src/mutations/report-completion.ts';
import { reportOperation } from '../../mes/src/mutations/report-operation.ts';
import { qualityDb } from '../../quality/src/db/quality-db.ts';
import { orderReleasedHandler as qualityOrderReleased } from '../../quality/src/events/order-released.ts';
import { productionCompletedHandler as qualityCompleted } from '../../quality/src/events/production-completed.ts';
import { recordInspectionResults } from '../../quality/src/mutations/record-inspection-results.ts';
import type { TestDatabase } from '../../../test/support/database.ts';
import { openDemoDatabase } from '../../../test/support/demo-database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { handleEach, outboxEvents, outboxMark } from '../../../test/support/outbox.ts';
import { erpDb, type ErpDb } from '../src/db/erp-db.ts';
import { goodsPostingsHandler } from '../src/events/goods-postings.ts';
import { handlers } from '../src/events/handlers.ts';
import { inspectionPlansHandler } from '../src/events/inspection-plans.ts';
import { lotQualityHandler } from '../src/events/lot-quality.ts';
import { orderStatusHandler } from '../src/events/order-status.ts';
import { releaseOrder } from '../src/mutations/release-order.ts';

let database: TestDatabase;
let db: ErpDb;
const ORDER = DEMO.createdOrderNumber;
const ORDER_ID = 'order-000230';
let cableLot: { id: string; number: string };

const mes = () => ({ db: mesDb(database.handle.root), correlationId: 'mes-test' });

/** The events a mutation of `schema` wrote since `mark` (an outbox sequence). */
async function eventsSince(schema: string, mark: number): Promise<EventEnvelope[]> {
  return outboxEvents(database.handle.root, schema, { afterSeq: mark });
}

const mark = (schema: string) => outboxMark(database.handle.root, schema);

async function order() {
  return db
    .selectFrom('production_order')
    .selectAll()
    .where('id', '=', ORDER_ID)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  database = await openDemoDatabase();
  db = erpDb(database.handle.root);
  const released = await releaseOrder(
    { db, correlationId: 'release-230' },
    {
      idempotencyKey: 'rel-230',
      orderNumber: ORDER,
      actor: 'planner',
      expectedRevision: null,
      releaseAt: null,
    },
  );
  if (!released.ok) throw new Error('release failed');
  const events = await outboxEvents(database.handle.root, 'erp', { type: 'order.released' });
  await handleEach(mesDb(database.handle.root), mesOrderReleased, events);
  await handleEach(qualityDb(database.handle.root), qualityOrderReleased, events);
  const lot = await db
    .selectFrom('lot_view')
    .innerJoin('batch', 'batch.lot_id', 'lot_view.lot_id')
    .select(['lot_view.lot_id as id', 'lot_view.lot_number as number'])
    .where('lot_view.item_id', '=', 'item-rm-power-cable')
    .where('batch.stock_quantity', '>', '10')
    .orderBy('lot_view.lot_number')
    .executeTakeFirstOrThrow();
  cableLot = { id: lot.id, number: lot.number ?? '' };
});

afterAll(async () => {
  await database?.destroy();
});

describe("erp's event handlers", () => {
  it('are exported for the consumer runner, one per workflow', () => {
    expect(handlers.map((h) => h.consumer)).toEqual([
      'erp.goods-postings',
      'erp.order-status',
      'erp.lot-quality',
      'erp.inspection-plans',
    ]);
  });

  it('put the order IN_PROGRESS when its first operation starts, once', async () => {
    const since = await mark('mes');
    const started = await reportOperation(mes(), {
      kind: 'START',
      idempotencyKey: 'start-10',
      orderNumber: ORDER,
      sequence: 10,
      actor: 'mes',
      eventSequence: 1,
      occurredAt: new Date(),
      goodQuantity: '0',
      scrapQuantity: '0',
      expectedRevision: null,
    });
    expect(started.ok).toBe(true);
    const before = await order();
    const events = await eventsSince('mes', since);
    const erpSince = await mark('erp');
    await handleEach(db, orderStatusHandler, events);
    await handleEach(db, orderStatusHandler, events);
    expect(await order()).toMatchObject({ status: 'IN_PROGRESS', revision: before.revision + 1 });
    // Subscribers and the MES hear of it once, caused by the shop floor's event.
    const changes = await eventsSince('erp', erpSince);
    expect(changes).toMatchObject([
      {
        type: 'order.status.changed',
        subject: ORDER,
        aggregateid: ORDER_ID,
        aggregateversion: before.revision + 1,
        causationid: events.find((e) => e.type === 'operation.started')?.id,
        data: { orderId: ORDER_ID, status: 'IN_PROGRESS', previousStatus: 'RELEASED' },
      },
    ]);
  });

  it('post a goods issue against the order from lot.consumed, out of unrestricted stock, once', async () => {
    const since = await mark('mes');
    const consumed = await recordConsumption(mes(), {
      idempotencyKey: 'consume-cable',
      orderNumber: ORDER,
      lotNumber: cableLot.number,
      quantity: { value: '2500', uom: 'MM' },
      actor: 'mes',
      consumedAt: null,
      operationSequence: 20,
    });
    expect(consumed.ok).toBe(true);
    const batch = await db
      .selectFrom('batch')
      .selectAll()
      .where('lot_id', '=', cableLot.id)
      .executeTakeFirstOrThrow();
    const events = await eventsSince('mes', since);
    await handleEach(db, goodsPostingsHandler, events);
    const once = await footprint(database.handle.root, ['erp.batch', 'erp.goods_movement']);
    await handleEach(db, goodsPostingsHandler, events);
    expect(await footprint(database.handle.root, ['erp.batch', 'erp.goods_movement'])).toEqual(
      once,
    );

    const after = await db
      .selectFrom('batch')
      .selectAll()
      .where('lot_id', '=', cableLot.id)
      .executeTakeFirstOrThrow();
    expect(new Decimal(batch.stock_quantity).sub(after.stock_quantity).eq('2.5')).toBe(true);
    const movements = await db
      .selectFrom('goods_movement')
      .selectAll()
      .where('order_id', '=', ORDER_ID)
      .execute();
    expect(movements).toEqual([
      expect.objectContaining({
        type: 'GOODS_ISSUE',
        order_id: ORDER_ID,
        lot_id: cableLot.id,
        item_id: 'item-rm-power-cable',
        uom: 'M',
        source_event_id: events[0]?.id,
        correlation_id: 'mes-test',
      }),
    ]);
  });

  it('post a goods receipt of the produced lot as blocked stock while it awaits its final inspection, and free it when quality releases it', async () => {
    const since = await mark('mes');
    const completed = await reportCompletion(mes(), {
      idempotencyKey: 'complete-230',
      orderNumber: ORDER,
      goodQuantity: '6',
      scrapQuantity: '0',
      final: false,
      lotNumber: 'PUMP-0001',
      completedAt: null,
      actor: 'mes',
      expectedRevision: null,
    });
    if (!completed.ok || completed.value.lot === null) throw new Error('completion failed');
    const lotId = completed.value.lot.id;
    const events = await eventsSince('mes', since);
    await handleEach(db, goodsPostingsHandler, events);
    const once = await footprint(database.handle.root, [
      'erp.batch',
      'erp.goods_movement',
      'erp.lot_view',
    ]);
    await handleEach(db, goodsPostingsHandler, events);
    expect(
      await footprint(database.handle.root, ['erp.batch', 'erp.goods_movement', 'erp.lot_view']),
    ).toEqual(once);

    const stock = async () => {
      const batch = await db
        .selectFrom('batch')
        .selectAll()
        .where('lot_id', '=', lotId)
        .executeTakeFirstOrThrow();
      const view = await db
        .selectFrom('lot_view')
        .selectAll()
        .where('lot_id', '=', lotId)
        .executeTakeFirstOrThrow();
      return [Number(batch.stock_quantity), Number(view.restricted_quantity), view.quality_status];
    };
    expect(await stock()).toEqual([0, 6, 'QUARANTINE']);
    const receipt = await db
      .selectFrom('goods_movement')
      .selectAll()
      .where('type', '=', 'GOODS_RECEIPT')
      .where('order_id', '=', ORDER_ID)
      .executeTakeFirstOrThrow();
    expect(receipt).toMatchObject({ order_id: ORDER_ID, lot_id: lotId, uom: 'EA' });

    // Quality opens the final inspection; the lot passes it.
    const qualitySince = await mark('quality');
    await handleEach(qualityDb(database.handle.root), qualityCompleted, events);
    const inspection = await qualityDb(database.handle.root)
      .selectFrom('inspection')
      .select('number')
      .where('lot_id', '=', lotId)
      .executeTakeFirstOrThrow();
    const passed = await recordInspectionResults(
      { db: qualityDb(database.handle.root), correlationId: 'qc' },
      {
        idempotencyKey: 'pass',
        inspectionNumber: inspection.number,
        inspectedAt: new Date(),
        actor: 'qc',
        results: [
          { characteristicCode: 'DFT', measured: '125' },
          { characteristicCode: 'LEAK', measured: '0.2' },
          { characteristicCode: 'NOISE', measured: '66' },
        ],
        expectedRevision: null,
        nonconformance: null,
      },
    );
    expect(passed.ok).toBe(true);
    const statusEvents = await eventsSince('quality', qualitySince);
    await handleEach(db, lotQualityHandler, statusEvents);
    await handleEach(db, lotQualityHandler, statusEvents);
    expect(await stock()).toEqual([6, 0, 'RELEASED']);
  });

  it('put the order ON_HOLD when an inspection of its output fails', async () => {
    const since = await mark('quality');
    const failed = await recordInspectionResults(
      { db: qualityDb(database.handle.root), correlationId: 'qc' },
      {
        idempotencyKey: 'fail-620',
        inspectionNumber: 'INS-000620',
        inspectedAt: new Date('2026-11-21T10:00:00Z'),
        actor: 'qc',
        results: [
          { characteristicCode: 'FLOW', measured: '1.0' },
          { characteristicCode: 'HEAD', measured: '42' },
          { characteristicCode: 'VIB', measured: '2.1' },
        ],
        expectedRevision: null,
        nonconformance: { severity: 'CRITICAL', description: null },
      },
    );
    expect(failed).toMatchObject({ ok: true, value: { status: 'FAILED' } });
    const erpSince = await mark('erp');
    await handleEach(db, orderStatusHandler, await eventsSince('quality', since));
    const held = await db
      .selectFrom('production_order')
      .selectAll()
      .where('number', '=', DEMO.inProgressOrderNumber)
      .executeTakeFirstOrThrow();
    expect(held).toMatchObject({
      status: 'ON_HOLD',
      status_before_hold: 'IN_PROGRESS',
      status_reason: 'inspection INS-000620 failed',
    });
    expect(await eventsSince('erp', erpSince)).toMatchObject([
      {
        type: 'order.status.changed',
        data: {
          status: 'ON_HOLD',
          previousStatus: 'IN_PROGRESS',
          statusBeforeHold: 'IN_PROGRESS',
          reason: 'inspection INS-000620 failed',
        },
      },
    ]);
  });

  it('refuse for good a goods issue against a closed order, posting nothing', async () => {
    const since = await mark('mes');
    const consumed = await recordConsumption(mes(), {
      idempotencyKey: 'consume-cable-late',
      orderNumber: ORDER,
      lotNumber: cableLot.number,
      quantity: { value: '1', uom: 'M' },
      actor: 'mes',
      consumedAt: null,
      operationSequence: null,
    });
    expect(consumed.ok).toBe(true);
    await db
      .updateTable('production_order')
      .set({ status: 'CLOSED' })
      .where('id', '=', ORDER_ID)
      .execute();
    const before = await footprint(database.handle.root, ['erp.batch', 'erp.goods_movement']);
    const attempt = handleEach(db, goodsPostingsHandler, await eventsSince('mes', since));
    await expect(attempt).rejects.toBeInstanceOf(PermanentEventError);
    await expect(attempt).rejects.toThrow(/CLOSED/);
    expect(await footprint(database.handle.root, ['erp.batch', 'erp.goods_movement'])).toEqual(
      before,
    );
  });

  it('keep the inspection plans release checks against from inspection.plan.changed', async () => {
    const plan = {
      planId: 'plan-new',
      number: 'IP-FG-1000-FIN',
      itemId: 'item-fg-pump-100',
      itemRevisionId: 'item-fg-pump-100-rev-c',
      type: 'FINAL',
      revision: '5',
      status: 'APPROVED',
      effectiveFrom: '2026-12-07T00:00:00.000Z',
      effectiveTo: null,
    };
    const event: EventEnvelope = {
      specversion: '1.0',
      id: crypto.randomUUID(),
      source: 'plantgraph/quality',
      type: 'inspection.plan.changed',
      subject: plan.number,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: plan,
      correlationid: 'plan-approval',
      causationid: null,
      plant: null,
      aggregatetype: 'InspectionPlan',
      aggregateid: plan.planId,
      aggregateversion: 1,
    };
    await handleEach(db, inspectionPlansHandler, [event, event]);
    const views = await db
      .selectFrom('inspection_plan_view')
      .selectAll()
      .where('plan_id', '=', 'plan-new')
      .execute();
    expect(views).toEqual([
      expect.objectContaining({
        status: 'APPROVED',
        item_revision_id: 'item-fg-pump-100-rev-c',
        revision: '5',
      }),
    ]);
  });
});
