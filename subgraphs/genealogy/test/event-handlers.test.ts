import { applyEvent, PermanentEventError } from '@plantgraph/events';
import { createLogger } from '@plantgraph/platform';
import { DEMO } from '@plantgraph/seed';
import { erpDb } from '../../erp/src/db/erp-db.ts';
import { releaseOrder } from '../../erp/src/mutations/release-order.ts';
import { mesDb } from '../../mes/src/db/mes-db.ts';
import { orderReleasedHandler as mesOrderReleased } from '../../mes/src/events/order-released.ts';
import { recordConsumption } from '../../mes/src/mutations/record-consumption.ts';
import { reportCompletion } from '../../mes/src/mutations/report-completion.ts';
import type { TestDatabase } from '../../../test/support/database.ts';
import { openDemoDatabase } from '../../../test/support/demo-database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { handleEach, outboxEvents, outboxMark } from '../../../test/support/outbox.ts';
import { genealogyDb, type GenealogyDb } from '../src/db/genealogy-db.ts';
import { handlers } from '../src/events/handlers.ts';
import { lotConsumedHandler } from '../src/events/lot-consumed.ts';
import { productionCompletedHandler } from '../src/events/production-completed.ts';

let database: TestDatabase;
let db: GenealogyDb;
const ORDER = DEMO.createdOrderNumber;
const mes = () => ({ db: mesDb(database.handle.root), correlationId: 'mes-test' });
let cable: { id: string; number: string; quantity: string };

async function consume(key: string, value: string) {
  const since = await outboxMark(database.handle.root, 'mes');
  const outcome = await recordConsumption(mes(), {
    idempotencyKey: key,
    orderNumber: ORDER,
    lotNumber: cable.number,
    quantity: { value, uom: 'M' },
    actor: 'mes',
    consumedAt: null,
    operationSequence: null,
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outboxEvents(database.handle.root, 'mes', { afterSeq: since });
}

async function complete(key: string, goodQuantity: string, lotNumber: string) {
  const since = await outboxMark(database.handle.root, 'mes');
  const outcome = await reportCompletion(mes(), {
    idempotencyKey: key,
    orderNumber: ORDER,
    goodQuantity,
    scrapQuantity: '0',
    final: false,
    lotNumber,
    completedAt: null,
    actor: 'mes',
    expectedRevision: null,
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outboxEvents(database.handle.root, 'mes', { afterSeq: since });
}

const quantityOf = async (lotId: string) =>
  Number(
    (
      await db
        .selectFrom('lot')
        .select('quantity')
        .where('id', '=', lotId)
        .executeTakeFirstOrThrow()
    ).quantity,
  );

beforeAll(async () => {
  database = await openDemoDatabase();
  db = genealogyDb(database.handle.root);
  const released = await releaseOrder(
    { db: erpDb(database.handle.root), correlationId: 'release-230' },
    {
      idempotencyKey: 'rel',
      orderNumber: ORDER,
      actor: 'planner',
      expectedRevision: null,
      releaseAt: null,
    },
  );
  if (!released.ok) throw new Error('release failed');
  await handleEach(
    mesDb(database.handle.root),
    mesOrderReleased,
    await outboxEvents(database.handle.root, 'erp', { type: 'order.released' }),
  );
  const lot = await mesDb(database.handle.root)
    .selectFrom('lot_stock')
    .select(['lot_id', 'lot_number'])
    .where('item_id', '=', 'item-rm-power-cable')
    .where('quality_status', '=', 'RELEASED')
    .where('available_quantity', '>', '10')
    .orderBy('lot_number')
    .executeTakeFirstOrThrow();
  const row = await db
    .selectFrom('lot')
    .select('quantity')
    .where('id', '=', lot.lot_id)
    .executeTakeFirstOrThrow();
  cable = { id: lot.lot_id, number: lot.lot_number ?? '', quantity: row.quantity };
});

afterAll(async () => {
  await database?.destroy();
});

describe("genealogy's event handlers", () => {
  it('are exported for the consumer runner, one per workflow', () => {
    expect(handlers.map((h) => [h.consumer, h.types])).toEqual([
      ['genealogy.lot-consumed', ['lot.consumed']],
      ['genealogy.production-completed', ['production.completed']],
    ]);
  });

  it('take what an order consumed off the lot from lot.consumed', async () => {
    await handleEach(db, lotConsumedHandler, await consume('consume-1', '2.5'));
    expect(await quantityOf(cable.id)).toBe(Number(cable.quantity) - 2.5);
  });

  it('create the produced lot and link it to the consumptions from production.completed; applied twice, once', async () => {
    const events = await complete('complete-1', '4', 'PUMP-0001');
    await handleEach(db, productionCompletedHandler, events);
    const once = await footprint(database.handle.root, ['genealogy.lot', 'genealogy.lot_link']);
    await handleEach(db, productionCompletedHandler, events);
    expect(await footprint(database.handle.root, ['genealogy.lot', 'genealogy.lot_link'])).toEqual(
      once,
    );

    const lot = await db
      .selectFrom('lot')
      .selectAll()
      .where('number', '=', 'PUMP-0001')
      .executeTakeFirstOrThrow();
    expect(lot).toMatchObject({
      item_id: 'item-fg-pump-100',
      plant_id: DEMO.plantLyon,
      uom: 'EA',
      origin: 'PRODUCED',
      order_id: 'order-000230',
    });
    expect(Number(lot.quantity)).toBe(4);
    const links = await db
      .selectFrom('lot_link')
      .selectAll()
      .where('child_lot_id', '=', lot.id)
      .execute();
    expect(links.map((l) => [l.parent_lot_id, Number(l.quantity), l.uom, l.order_id])).toEqual([
      [cable.id, 2.5, 'M', 'order-000230'],
    ]);
  });

  it('add a later completion into the same lot to its quantity, linked to the consumptions since', async () => {
    await handleEach(db, lotConsumedHandler, await consume('consume-2', '1'));
    await handleEach(
      db,
      productionCompletedHandler,
      await complete('complete-2', '2', 'PUMP-0001'),
    );
    const lot = await db
      .selectFrom('lot')
      .selectAll()
      .where('number', '=', 'PUMP-0001')
      .executeTakeFirstOrThrow();
    expect(Number(lot.quantity)).toBe(6);
    const links = await db
      .selectFrom('lot_link')
      .select('quantity')
      .where('child_lot_id', '=', lot.id)
      .execute();
    expect(links.map((l) => Number(l.quantity)).sort()).toEqual([1, 2.5]);
  });

  it('apply a consumption and an extension once when the consumer runner delivers them twice', async () => {
    // Quantity changes are deltas: the runner's processed-event record keeps a redelivery out.
    const log = createLogger('genealogy', 'silent');
    const before = await quantityOf(cable.id);
    const [consumed] = await consume('consume-twice', '0.5');
    const extended = await complete('complete-twice', '1', 'PUMP-0001');
    const lot = await db
      .selectFrom('lot')
      .select(['id', 'quantity'])
      .where('number', '=', 'PUMP-0001')
      .executeTakeFirstOrThrow();
    if (!consumed) throw new Error('no lot.consumed');
    const outcomes = [];
    for (const event of [consumed, consumed])
      outcomes.push(await applyEvent(db, lotConsumedHandler, event, { log }));
    for (const event of [...extended, ...extended])
      outcomes.push(await applyEvent(db, productionCompletedHandler, event, { log }));
    expect(outcomes).toEqual(['applied', 'duplicate', 'applied', 'duplicate']);
    expect(await quantityOf(cable.id)).toBe(before - 0.5);
    expect(await quantityOf(lot.id)).toBe(Number(lot.quantity) + 1);
  });

  it('refuse for good a consumption larger than what genealogy holds of the lot', async () => {
    const events = await consume('consume-3', '1');
    await db.updateTable('lot').set({ quantity: '0.5' }).where('id', '=', cable.id).execute();
    await expect(handleEach(db, lotConsumedHandler, events)).rejects.toBeInstanceOf(
      PermanentEventError,
    );
    expect(await quantityOf(cable.id)).toBe(0.5);
  });
});
