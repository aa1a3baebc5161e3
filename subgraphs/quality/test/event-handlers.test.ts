import type { EventEnvelope } from '@plantgraph/events';
import { DEMO } from '@plantgraph/seed';
import { erpDb } from '../../erp/src/db/erp-db.ts';
import { releaseOrder } from '../../erp/src/mutations/release-order.ts';
import { mesDb } from '../../mes/src/db/mes-db.ts';
import { orderReleasedHandler as mesOrderReleased } from '../../mes/src/events/order-released.ts';
import { reportCompletion } from '../../mes/src/mutations/report-completion.ts';
import type { TestDatabase } from '../../../test/support/database.ts';
import { openDemoDatabase } from '../../../test/support/demo-database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { handleEach, outboxEvents } from '../../../test/support/outbox.ts';
import { qualityDb, type QualityDb } from '../src/db/quality-db.ts';
import { handlers } from '../src/events/handlers.ts';
import { orderReleasedHandler } from '../src/events/order-released.ts';
import { productionCompletedHandler } from '../src/events/production-completed.ts';
import { recordInspectionResults } from '../src/mutations/record-inspection-results.ts';

let database: TestDatabase;
let db: QualityDb;
let released: EventEnvelope;

const TOUCHED = [
  'quality.inspection_point',
  'quality.lot_ref',
  'quality.lot_quality',
  'quality.inspection',
];

async function complete(orderNumber: string, key: string, lotNumber: string, final = false) {
  const outcome = await reportCompletion(
    { db: mesDb(database.handle.root), correlationId: key },
    {
      idempotencyKey: key,
      orderNumber,
      goodQuantity: '5',
      scrapQuantity: '0',
      final,
      lotNumber,
      completedAt: new Date('2026-11-27T10:00:00Z'),
      actor: 'mes',
      expectedRevision: null,
    },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const events = await outboxEvents(database.handle.root, 'mes', { type: 'production.completed' });
  const event = events.find((e) => e.id === outcome.value.eventId);
  if (!event) throw new Error('no production.completed');
  return event;
}

beforeAll(async () => {
  database = await openDemoDatabase();
  db = qualityDb(database.handle.root);
  const release = await releaseOrder(
    { db: erpDb(database.handle.root), correlationId: 'release-230' },
    {
      idempotencyKey: 'rel-230',
      orderNumber: DEMO.createdOrderNumber,
      actor: 'planner',
      expectedRevision: null,
      releaseAt: new Date('2026-11-26T08:00:00Z'),
    },
  );
  if (!release.ok) throw new Error('release failed');
  const [event] = await outboxEvents(database.handle.root, 'erp', { type: 'order.released' });
  if (!event) throw new Error('no order.released');
  released = event;
  await handleEach(mesDb(database.handle.root), mesOrderReleased, [released]);
});

afterAll(async () => {
  await database?.destroy();
});

describe("quality's event handlers", () => {
  it('are exported for the consumer runner, one per workflow', () => {
    expect(handlers.map((h) => [h.consumer, h.types])).toEqual([
      ['quality.order-released', ['order.released']],
      ['quality.production-completed', ['production.completed']],
      ['quality.operation-completed', ['operation.completed']],
    ]);
  });

  it('plan the inspections the routing calls for from order.released, once', async () => {
    await handleEach(db, orderReleasedHandler, [released]);
    const once = await footprint(database.handle.root, TOUCHED);
    await handleEach(db, orderReleasedHandler, [released]);
    expect(await footprint(database.handle.root, TOUCHED)).toEqual(once);
    const points = await db
      .selectFrom('inspection_point')
      .selectAll()
      .where('order_id', '=', 'order-000230')
      .orderBy('sequence')
      .execute();
    expect(points.map((p) => [p.sequence, p.type, p.plan_id, p.operation_id])).toEqual([
      [30, 'IN_PROCESS', 'plan-fg-1000-ipq-2', 'order-000230-op-030'],
      [50, 'FINAL', 'plan-fg-1000-fin-3', 'order-000230-op-050'],
    ]);
  });

  it('record the produced lot in QUARANTINE and open its final inspection from production.completed, once; passing it releases the lot', async () => {
    const completed = await complete(DEMO.createdOrderNumber, 'complete-230', 'PUMP-0001');
    await handleEach(db, productionCompletedHandler, [completed]);
    const once = await footprint(database.handle.root, TOUCHED);
    await handleEach(db, productionCompletedHandler, [completed]);
    expect(await footprint(database.handle.root, TOUCHED)).toEqual(once);

    const lotId = (
      await db
        .selectFrom('lot_ref')
        .select('lot_id')
        .where('lot_number', '=', 'PUMP-0001')
        .executeTakeFirstOrThrow()
    ).lot_id;
    const status = await db
      .selectFrom('lot_quality')
      .selectAll()
      .where('lot_id', '=', lotId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('QUARANTINE');
    const inspections = await db
      .selectFrom('inspection')
      .selectAll()
      .where('lot_id', '=', lotId)
      .execute();
    expect(inspections).toEqual([
      expect.objectContaining({
        type: 'FINAL',
        status: 'PLANNED',
        plan_id: 'plan-fg-1000-fin-3',
        order_id: 'order-000230',
        operation_id: 'order-000230-op-050',
      }),
    ]);

    const passed = await recordInspectionResults(
      { db, correlationId: 'qc' },
      {
        idempotencyKey: 'pass-pump-0001',
        inspectionNumber: inspections[0]?.number ?? '',
        inspectedAt: new Date('2026-11-27T14:00:00Z'),
        actor: 'inspector.kim',
        results: [
          { characteristicCode: 'DFT', measured: '125' },
          { characteristicCode: 'LEAK', measured: '0.2' },
          { characteristicCode: 'NOISE', measured: '66.4' },
        ],
        expectedRevision: null,
        nonconformance: null,
      },
    );
    expect(passed).toMatchObject({
      ok: true,
      value: { status: 'PASSED', lotQualityStatus: 'RELEASED' },
    });
  });

  it('release the lot at once when the routing has no final inspection', async () => {
    // PO-100229 makes pump shafts; its operations are done.
    await mesDb(database.handle.root)
      .updateTable('operation')
      .set({ status: 'COMPLETED' })
      .where('order_id', '=', 'order-000229')
      .execute();
    const completed = await complete('PO-100229', 'complete-229', 'SHAFT-0001', true);
    await handleEach(db, productionCompletedHandler, [completed]);
    const lot = await db
      .selectFrom('lot_ref')
      .innerJoin('lot_quality', 'lot_quality.lot_id', 'lot_ref.lot_id')
      .select(['lot_quality.status', 'lot_ref.lot_id'])
      .where('lot_ref.lot_number', '=', 'SHAFT-0001')
      .executeTakeFirstOrThrow();
    expect(lot.status).toBe('RELEASED');
    const inspections = await db
      .selectFrom('inspection')
      .select('id')
      .where('lot_id', '=', lot.lot_id)
      .execute();
    expect(inspections).toEqual([]);
  });
});
