import { PermanentEventError, type EventEnvelope } from '@plantgraph/events';
import { JsonReader } from '@plantgraph/platform';
import { DEMO } from '@plantgraph/seed';
import { erpDb } from '../../erp/src/db/erp-db.ts';
import { changeOrderStatus } from '../../erp/src/mutations/change-order-status.ts';
import { releaseOrder } from '../../erp/src/mutations/release-order.ts';
import { qualityDb } from '../../quality/src/db/quality-db.ts';
import { dispositionLot } from '../../quality/src/mutations/disposition-lot.ts';
import type { TestDatabase } from '../../../test/support/database.ts';
import { openDemoDatabase } from '../../../test/support/demo-database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { handleEach, outboxEvents } from '../../../test/support/outbox.ts';
import { mesDb, type MesDb } from '../src/db/mes-db.ts';
import { handlers } from '../src/events/handlers.ts';
import { lotStatusHandler } from '../src/events/lot-status.ts';
import { orderReleasedHandler } from '../src/events/order-released.ts';
import { orderStatusHandler } from '../src/events/order-status.ts';
import { recordConsumption } from '../src/mutations/record-consumption.ts';

let database: TestDatabase;
let db: MesDb;
let released: EventEnvelope;

const RECEIVED = [
  'mes.execution',
  'mes.operation',
  'mes.order_context',
  'mes.order_component',
  'mes.item_unit',
];

beforeAll(async () => {
  database = await openDemoDatabase();
  db = mesDb(database.handle.root);
  const release = await releaseOrder(
    { db: erpDb(database.handle.root), correlationId: 'release-230' },
    {
      idempotencyKey: 'rel-230',
      orderNumber: DEMO.createdOrderNumber,
      actor: 'planner',
      expectedRevision: null,
      releaseAt: null,
    },
  );
  if (!release.ok) throw new Error('release failed');
  const [event] = await outboxEvents(database.handle.root, 'erp', { type: 'order.released' });
  if (!event) throw new Error('no order.released');
  released = event;
});

afterAll(async () => {
  await database?.destroy();
});

describe("mes's event handlers", () => {
  it('are exported for the consumer runner, one per workflow', () => {
    expect(handlers.map((h) => [h.consumer, h.types])).toEqual([
      ['mes.order-released', ['order.released']],
      ['mes.order-status', ['order.status.changed']],
      ['mes.lot-status', ['lot.hold.changed']],
    ]);
  });

  it('create the execution record and its operations from order.released exactly once', async () => {
    await handleEach(db, orderReleasedHandler, [released]);
    const once = await footprint(database.handle.root, RECEIVED);
    await handleEach(db, orderReleasedHandler, [released]);
    expect(await footprint(database.handle.root, RECEIVED)).toEqual(once);

    const execution = await db
      .selectFrom('execution')
      .selectAll()
      .where('order_id', '=', 'order-000230')
      .executeTakeFirstOrThrow();
    expect(execution).toMatchObject({ status: 'NOT_STARTED', plant_id: DEMO.plantLyon, uom: 'EA' });
    const operations = await db
      .selectFrom('operation')
      .select(['id', 'sequence', 'status', 'requires_inspection', 'planned_quantity'])
      .where('order_id', '=', 'order-000230')
      .orderBy('sequence')
      .execute();
    expect(operations.map((o) => [o.id, o.sequence, o.status, o.requires_inspection])).toEqual([
      ['order-000230-op-010', 10, 'PENDING', false],
      ['order-000230-op-020', 20, 'PENDING', false],
      ['order-000230-op-030', 30, 'PENDING', true],
      ['order-000230-op-040', 40, 'PENDING', false],
      ['order-000230-op-050', 50, 'PENDING', true],
    ]);
    const context = await db
      .selectFrom('order_context')
      .selectAll()
      .where('order_id', '=', 'order-000230')
      .executeTakeFirstOrThrow();
    expect(context).toMatchObject({
      order_number: DEMO.createdOrderNumber,
      item_revision_id: 'item-fg-pump-100-rev-b',
      final_inspection: true,
    });
    const cable = await db
      .selectFrom('item_unit')
      .selectAll()
      .where('item_id', '=', 'item-rm-power-cable')
      .executeTakeFirstOrThrow();
    expect(cable).toMatchObject({
      base_uom: 'M',
      conversions: [{ fromUom: 'MM', toUom: 'M', factor: '0.001' }],
    });
  });

  it("keep the lots' quality status from lot.hold.changed, never letting an older status overwrite a newer one", async () => {
    const lot = await db
      .selectFrom('lot_stock')
      .selectAll()
      .where('item_id', '=', 'item-rm-power-cable')
      .where('quality_status', '=', 'RELEASED')
      .where('available_quantity', '>', '10')
      .orderBy('lot_number')
      .executeTakeFirstOrThrow();
    const lotNumber = lot.lot_number ?? '';
    const quality = { db: qualityDb(database.handle.root), correlationId: 'qe' };
    for (const [key, disposition] of [
      ['hold', 'HOLD'],
      ['release', 'RELEASE'],
    ] as const) {
      const decided = await dispositionLot(quality, {
        idempotencyKey: key,
        lotNumber,
        disposition,
        reason: 'test',
        actor: 'qe',
        expectedRevision: null,
      });
      expect(decided.ok).toBe(true);
    }
    const [hold, release] = await outboxEvents(database.handle.root, 'quality', {
      type: 'lot.hold.changed',
    });
    if (!hold || !release) throw new Error('expected two status events');

    await handleEach(db, lotStatusHandler, [hold]);
    const held = await db
      .selectFrom('lot_stock')
      .selectAll()
      .where('lot_id', '=', lot.lot_id)
      .executeTakeFirstOrThrow();
    expect(held).toMatchObject({
      quality_status: 'ON_HOLD',
      status_version: hold.aggregateversion,
    });

    // The MES refuses the lot while it is on hold, from its own read model.
    const refused = await recordConsumption(
      { db, correlationId: 'c' },
      {
        idempotencyKey: 'consume-held',
        orderNumber: DEMO.createdOrderNumber,
        lotNumber,
        quantity: { value: '1', uom: 'M' },
        actor: 'mes',
        consumedAt: null,
        operationSequence: null,
      },
    );
    expect(refused).toMatchObject({ ok: false, errors: [{ code: 'LOT_NOT_AVAILABLE' }] });

    await handleEach(db, lotStatusHandler, [release, hold]);
    const after = await db
      .selectFrom('lot_stock')
      .selectAll()
      .where('lot_id', '=', lot.lot_id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      quality_status: 'RELEASED',
      status_version: release.aggregateversion,
    });
  });

  it("keep ERP's status of the order from order.status.changed: work after a hold, or on a closed order, is refused", async () => {
    const erp = { db: erpDb(database.handle.root), correlationId: 'planning' };
    const change = (key: string, action: 'HOLD' | 'RESUME' | 'CLOSE') =>
      changeOrderStatus(erp, action, {
        idempotencyKey: key,
        orderNumber: DEMO.createdOrderNumber,
        actor: 'planner.anna',
        reason: `test ${action}`,
        expectedRevision: null,
      });
    const releasedAt = new Date(released.time);
    expect((await change('hold-230', 'HOLD')).ok).toBe(true);
    expect((await change('resume-230', 'RESUME')).ok).toBe(true);
    const [hold, resume] = await outboxEvents(database.handle.root, 'erp', {
      type: 'order.status.changed',
    });
    if (!hold || !resume) throw new Error('expected two status events');
    const heldAt = new Date(new JsonReader(hold.data).string('changedAt'));

    const lot = await db
      .selectFrom('lot_stock')
      .selectAll()
      .where('item_id', '=', 'item-rm-power-cable')
      .where('quality_status', '=', 'RELEASED')
      .where('available_quantity', '>', '10')
      .orderBy('lot_number', 'desc')
      .executeTakeFirstOrThrow();
    const consume = (key: string, consumedAt: Date) =>
      recordConsumption(
        { db, correlationId: key },
        {
          idempotencyKey: key,
          orderNumber: DEMO.createdOrderNumber,
          lotNumber: lot.lot_number ?? '',
          quantity: { value: '1', uom: 'M' },
          actor: 'mes',
          consumedAt,
          operationSequence: null,
        },
      );
    const WRITES = ['mes.consumption', 'mes.lot_stock', 'mes.outbox:id', 'mes.audit_entry'];

    await handleEach(db, orderStatusHandler, [hold]);
    expect(
      await db
        .selectFrom('order_status')
        .selectAll()
        .where('order_id', '=', 'order-000230')
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ status: 'ON_HOLD', reason: 'test HOLD', version: hold.aggregateversion });
    const before = await footprint(database.handle.root, WRITES);
    const refused = await consume('consume-after-hold', new Date(heldAt.getTime() + 1000));
    expect(refused).toMatchObject({
      ok: false,
      errors: [{ code: 'ORDER_ON_HOLD', field: 'orderNumber' }],
    });
    expect(await footprint(database.handle.root, WRITES)).toEqual(before);
    // Work done before the hold, reported late, still counts.
    const late = await consume(
      'consume-before-hold',
      new Date((releasedAt.getTime() + heldAt.getTime()) / 2),
    );
    expect(late.ok).toBe(true);

    // The resume arrives, then the hold again (redelivered late): the older status does not win.
    await handleEach(db, orderStatusHandler, [resume, hold]);
    expect(
      await db
        .selectFrom('order_status')
        .select(['status', 'version'])
        .where('order_id', '=', 'order-000230')
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'RELEASED', version: resume.aggregateversion });
    expect((await consume('consume-after-resume', new Date())).ok).toBe(true);

    expect((await change('close-230', 'CLOSE')).ok).toBe(true);
    const closed = (
      await outboxEvents(database.handle.root, 'erp', { type: 'order.status.changed' })
    ).at(-1);
    if (!closed) throw new Error('no close event');
    await handleEach(db, orderStatusHandler, [closed]);
    expect(await consume('consume-after-close', new Date())).toMatchObject({
      ok: false,
      errors: [{ code: 'ORDER_CLOSED', field: 'orderNumber' }],
    });
  });

  it('send a malformed event to dead letters at once', async () => {
    const broken = { ...released, id: crypto.randomUUID(), data: { orderId: 42 } };
    await expect(handleEach(db, orderReleasedHandler, [broken])).rejects.toBeInstanceOf(
      PermanentEventError,
    );
  });
});
