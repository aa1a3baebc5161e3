import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
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

const CONSUME = /* GraphQL */ `
  mutation ($input: RecordConsumptionInput!) {
    recordConsumption(input: $input) {
      consumption {
        id
        lotNumber
        quantity {
          value
          uom
        }
        enteredQuantity {
          value
          uom
        }
        lotRemaining {
          value
          uom
        }
        consumedAt
        correlationId
        eventId
        lot {
          id
        }
        order {
          id
        }
      }
      errors {
        code
        field
        message
      }
    }
  }
`;

const COMPLETE = /* GraphQL */ `
  mutation ($input: ReportCompletionInput!) {
    reportCompletion(input: $input) {
      completion {
        id
        lotNumber
        lotCreated
        lotQualityStatus
        lotQuantity {
          value
          uom
        }
        goodQuantity {
          value
          uom
        }
        scrapQuantity {
          value
          uom
        }
        final
        executionStatus
        consumptions {
          consumptionId
          lotNumber
          quantity {
            value
            uom
          }
        }
        lot {
          id
          producedBy {
            id
          }
        }
        eventId
      }
      errors {
        code
        field
        message
      }
    }
  }
`;

interface ConsumptionPayload {
  recordConsumption: {
    consumption: {
      id: string;
      quantity: { value: string; uom: string };
      lotRemaining: { value: string; uom: string };
      eventId: string;
      lot: { id: string };
    } | null;
    errors: { code: string; field: string }[];
  };
}

interface CompletionPayload {
  reportCompletion: {
    completion: {
      id: string;
      lotNumber: string | null;
      lotCreated: boolean | null;
      lotQualityStatus: string | null;
      lotQuantity: { value: string; uom: string } | null;
      executionStatus: string;
      consumptions: { consumptionId: string; lotNumber: string }[];
      lot: { id: string; producedBy: { id: string } | null } | null;
      eventId: string;
    } | null;
    errors: { code: string; field: string }[];
  };
}

/** PO-100228 makes booster pumps (FG-1002 revision B), whose BOM takes supply cable in MM (base unit M). */
const ORDER = 'PO-100228';
const WRITTEN = [
  'mes.lot_stock',
  'mes.consumption',
  'mes.completion',
  'mes.lot_production',
  'mes.execution',
  'mes.outbox:id',
  'mes.audit_entry',
  'mes.idempotency_key',
];

async function consume(input: Record<string, unknown>) {
  const response = await postGraphql<ConsumptionPayload>(mes.url, CONSUME, {
    input: {
      orderNumber: ORDER,
      actor: 'mes-line-3',
      consumedAt: '2026-11-21T08:00:00Z',
      ...input,
    },
  });
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.recordConsumption;
}

async function complete(input: Record<string, unknown>) {
  const response = await postGraphql<CompletionPayload>(mes.url, COMPLETE, {
    input: {
      orderNumber: ORDER,
      actor: 'mes-line-3',
      completedAt: '2026-11-21T12:00:00Z',
      ...input,
    },
  });
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data.reportCompletion;
}

/** A released lot of `itemNumber` the MES can consume from, with what it holds. */
async function releasedLotOf(itemNumber: string): Promise<{ number: string; available: string }> {
  const { rows } = await sql<{ number: string; available: string }>`
    select s.lot_number as number, s.available_quantity::text as available from mes.lot_stock s
    join erp.item i on i.id = s.item_id
    where i.number = ${itemNumber} and s.quality_status = 'RELEASED' and s.available_quantity > 0
    order by s.available_quantity desc, s.lot_number limit 1`.execute(database.handle.root);
  const lot = rows[0];
  if (!lot) throw new Error(`no released lot of ${itemNumber}`);
  return lot;
}

async function expectRefused(
  attempt: () => Promise<{ errors: { code: string; field: string }[] }>,
  code: string,
  field: string,
): Promise<void> {
  const before = await footprint(database.handle.root, WRITTEN);
  const answer = await attempt();
  expect(answer.errors).toContainEqual(expect.objectContaining({ code, field }));
  expect(await footprint(database.handle.root, WRITTEN)).toEqual(before);
}

let cable: { number: string; available: string };

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
  cable = await releasedLotOf('RM-3007');
});

afterAll(async () => {
  await mes?.close();
  await database?.destroy();
});

describe('recordConsumption', () => {
  it('records the genealogy input in the base unit, decrements the lot and writes lot.consumed', async () => {
    // Cable is counted in M; the MES reports it in MM.
    const answer = await consume({
      idempotencyKey: 'consume-cable-1',
      lotNumber: cable.number,
      quantity: { value: '1500', uom: 'MM' },
    });
    expect(answer.errors).toEqual([]);
    const expectedLeft = new Decimal(cable.available).sub('1.5').toString();
    expect(answer.consumption).toMatchObject({
      quantity: { value: '1.5', uom: 'M' },
      lotRemaining: { value: expectedLeft, uom: 'M' },
    });
    const lot = await db
      .selectFrom('lot_stock')
      .selectAll()
      .where('lot_number', '=', cable.number)
      .executeTakeFirstOrThrow();
    expect(new Decimal(lot.available_quantity).eq(expectedLeft)).toBe(true);
    const recorded = await db.selectFrom('consumption').selectAll().execute();
    expect(recorded).toEqual([
      expect.objectContaining({
        id: answer.consumption?.id,
        lot_id: lot.lot_id,
        uom: 'M',
        entered_uom: 'MM',
        completion_id: null,
      }),
    ]);
    expect(new Decimal(recorded[0]?.quantity ?? '0').eq('1.5')).toBe(true);
    const [event] = await outboxEvents(database.handle.root, 'mes', { type: 'lot.consumed' });
    expect(event).toMatchObject({
      id: answer.consumption?.eventId,
      aggregatetype: 'LotConsumption',
      aggregateid: answer.consumption?.id,
      aggregateversion: 1,
      data: expect.objectContaining({
        lotId: lot.lot_id,
        quantity: { value: '1.5', uom: 'M' },
        orderId: 'order-000228',
      }),
    });
  });

  const refusals: [string, () => Record<string, unknown>, string, string][] = [
    [
      'an order not released to the shop floor',
      () => ({ orderNumber: DEMO.createdOrderNumber, lotNumber: cable.number }),
      'ORDER_NOT_RELEASED',
      'orderNumber',
    ],
    ['an unknown lot', () => ({ lotNumber: 'L0000-0000' }), 'LOT_NOT_FOUND', 'lotNumber'],
    [
      'a lot whose item is not on the pinned BOM',
      () => ({ lotNumber: DEMO.supplierLotLotNumber, quantity: { value: '1', uom: 'KG' } }),
      'ITEM_NOT_ON_BOM',
      'lotNumber',
    ],
    [
      'a unit that does not convert to the base unit',
      () => ({ lotNumber: cable.number, quantity: { value: '1', uom: 'KG' } }),
      'UNIT_NOT_CONVERTIBLE',
      'quantity.uom',
    ],
    [
      'a quantity of zero',
      () => ({ lotNumber: cable.number, quantity: { value: '0', uom: 'M' } }),
      'QUANTITY_NOT_POSITIVE',
      'quantity.value',
    ],
    [
      'more than the lot holds',
      () => ({ lotNumber: cable.number, quantity: { value: '1000000', uom: 'M' } }),
      'QUANTITY_EXCEEDS_LOT',
      'quantity.value',
    ],
    [
      'a timestamp before the release',
      () => ({ lotNumber: cable.number, consumedAt: '2026-11-20T00:00:00Z' }),
      'TIMESTAMP_BEFORE_RELEASE',
      'consumedAt',
    ],
  ];

  it.each(refusals)(
    'refuses %s with its code and changes nothing',
    async (_name, input, code, field) => {
      await expectRefused(
        () =>
          consume({
            idempotencyKey: `consume-${code}`,
            quantity: { value: '1', uom: 'M' },
            ...input(),
          }),
        code,
        field,
      );
    },
  );

  it.each(['ON_HOLD', 'QUARANTINE', 'REJECTED'] as const)(
    'refuses a lot %s as not available and changes nothing',
    async (status) => {
      await db
        .updateTable('lot_stock')
        .set({ quality_status: status })
        .where('lot_number', '=', cable.number)
        .execute();
      await expectRefused(
        () =>
          consume({
            idempotencyKey: `consume-${status}`,
            lotNumber: cable.number,
            quantity: { value: '1', uom: 'M' },
          }),
        'LOT_NOT_AVAILABLE',
        'lotNumber',
      );
      await db
        .updateTable('lot_stock')
        .set({ quality_status: 'RELEASED' })
        .where('lot_number', '=', cable.number)
        .execute();
    },
  );
});

describe('reportCompletion', () => {
  it('creates the produced lot in QUARANTINE (the routing ends in a final inspection), linked to the consumptions so far', async () => {
    const answer = await complete({
      idempotencyKey: 'complete-1',
      goodQuantity: '4',
      scrapQuantity: '1',
    });
    expect(answer.errors).toEqual([]);
    const completion = answer.completion;
    expect(completion).toMatchObject({
      lotNumber: `${ORDER}-L01`,
      lotCreated: true,
      lotQualityStatus: 'QUARANTINE',
      lotQuantity: { value: '4', uom: 'EA' },
      executionStatus: 'IN_PROGRESS',
      consumptions: [expect.objectContaining({ lotNumber: cable.number })],
      lot: { producedBy: { id: 'order-000228' } },
    });
    const execution = await db
      .selectFrom('execution')
      .selectAll()
      .where('order_id', '=', 'order-000228')
      .executeTakeFirstOrThrow();
    expect([execution.good_quantity, execution.scrap_quantity].map(Number)).toEqual([4, 1]);
    const linked = await db
      .selectFrom('consumption')
      .select('completion_id')
      .where('order_id', '=', 'order-000228')
      .execute();
    expect(linked.map((c) => c.completion_id)).toEqual([completion?.id]);
    const [event] = await outboxEvents(database.handle.root, 'mes', {
      type: 'production.completed',
    });
    expect(event).toMatchObject({
      id: completion?.eventId,
      aggregatetype: 'ProductionCompletion',
      data: expect.objectContaining({
        lot: expect.objectContaining({ number: `${ORDER}-L01`, created: true }),
        finalInspection: true,
      }),
    });
  });

  it('extends a lot the order made when the MES names it, linking only the consumptions since', async () => {
    const answer = await complete({
      idempotencyKey: 'complete-2',
      goodQuantity: '2.5',
      lotNumber: `${ORDER}-L01`,
    });
    expect(answer.errors).toEqual([]);
    expect(answer.completion).toMatchObject({
      lotNumber: `${ORDER}-L01`,
      lotCreated: false,
      lotQuantity: { value: '6.5', uom: 'EA' },
      consumptions: [],
    });
  });

  const refusals: [string, Record<string, unknown>, string, string][] = [
    ['a negative quantity', { goodQuantity: '-1' }, 'QUANTITY_NEGATIVE', 'goodQuantity'],
    [
      'a partial completion of nothing',
      { goodQuantity: '0' },
      'QUANTITY_NOT_POSITIVE',
      'goodQuantity',
    ],
    ['more than planned', { goodQuantity: '33' }, 'QUANTITY_OVER_PLANNED', 'goodQuantity'],
    [
      'a lot number another order produced',
      { goodQuantity: '1', lotNumber: DEMO.finishedLotNumber },
      'LOT_NUMBER_TAKEN',
      'lotNumber',
    ],
    [
      'a final completion before every operation completed',
      { goodQuantity: '1', final: true },
      'OPERATIONS_NOT_COMPLETED',
      'final',
    ],
    [
      'a stale expected revision',
      { goodQuantity: '1', expectedRevision: 1 },
      'REVISION_CONFLICT',
      'expectedRevision',
    ],
    [
      'a timestamp before the release',
      { goodQuantity: '1', completedAt: '2026-11-20T00:00:00Z' },
      'TIMESTAMP_BEFORE_RELEASE',
      'completedAt',
    ],
    [
      'an order not released to the shop floor',
      { goodQuantity: '1', orderNumber: DEMO.createdOrderNumber },
      'ORDER_NOT_RELEASED',
      'orderNumber',
    ],
  ];

  it.each(refusals)(
    'refuses %s with its code and changes nothing',
    async (_name, input, code, field) => {
      await expectRefused(
        () => complete({ idempotencyKey: `complete-${code}`, ...input }),
        code,
        field,
      );
    },
  );

  it('refuses to extend a lot no longer in the status it started in', async () => {
    await db
      .updateTable('lot_stock')
      .set({ quality_status: 'ON_HOLD' })
      .where('lot_number', '=', `${ORDER}-L01`)
      .execute();
    await expectRefused(
      () =>
        complete({ idempotencyKey: 'complete-held', goodQuantity: '1', lotNumber: `${ORDER}-L01` }),
      'LOT_NOT_EXTENDABLE',
      'lotNumber',
    );
  });

  it('starts lots RELEASED when the routing has no final inspection, and a final completion closes the execution', async () => {
    // PO-100229 makes pump shafts: no final inspection. Its operations are done on the shop floor.
    await db
      .updateTable('operation')
      .set({ status: 'COMPLETED' })
      .where('order_id', '=', 'order-000229')
      .execute();
    const response = await postGraphql<CompletionPayload>(mes.url, COMPLETE, {
      input: {
        idempotencyKey: 'complete-229',
        orderNumber: 'PO-100229',
        actor: 'mes-line-1',
        goodQuantity: '10',
        final: true,
        lotNumber: 'SHAFT-0001',
        completedAt: '2026-11-21T12:00:00Z',
      },
    });
    expect(response.data?.reportCompletion.errors).toEqual([]);
    expect(response.data?.reportCompletion.completion).toMatchObject({
      lotNumber: 'SHAFT-0001',
      lotQualityStatus: 'RELEASED',
      executionStatus: 'COMPLETED',
    });
    await expectRefused(
      async () =>
        (
          await postGraphql<CompletionPayload>(mes.url, COMPLETE, {
            input: {
              idempotencyKey: 'complete-229-late',
              orderNumber: 'PO-100229',
              actor: 'mes-line-1',
              goodQuantity: '1',
            },
          })
        ).data?.reportCompletion ?? { errors: [] },
      'EXECUTION_COMPLETED',
      'orderNumber',
    );
  });

  it('gives 50 concurrent identical completions one lot and 50 identical answers', async () => {
    const input = { idempotencyKey: 'complete-burst', goodQuantity: '1', lotNumber: 'BURST-0001' };
    const answers = await Promise.all(Array.from({ length: 50 }, () => complete(input)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.completion?.lotCreated).toBe(true);
    const lots = await db
      .selectFrom('lot_stock')
      .select('lot_id')
      .where('lot_number', '=', 'BURST-0001')
      .execute();
    expect(lots).toHaveLength(1);
    const completions = await db
      .selectFrom('completion')
      .select('id')
      .where('lot_id', '=', lots[0]?.lot_id ?? '')
      .execute();
    expect(completions).toHaveLength(1);
  });

  it('gives a new lot number two orders name at once to one of them, and LOT_NUMBER_TAKEN to the other', async () => {
    const named = (orderNumber: string, key: string) =>
      complete({ orderNumber, idempotencyKey: key, goodQuantity: '1', lotNumber: 'RACE-0001' });
    const answers = await Promise.all([
      named(ORDER, 'race-228'),
      named(DEMO.releasedOrderNumber, 'race-225'),
    ]);
    const created = answers.filter((a) => a.completion?.lotCreated === true);
    const refused = answers.filter((a) => a.completion === null);
    expect(created).toHaveLength(1);
    expect(refused.map((a) => a.errors)).toEqual([
      [expect.objectContaining({ code: 'LOT_NUMBER_TAKEN', field: 'lotNumber' })],
    ]);
    const lots = await db
      .selectFrom('lot_stock')
      .select(['lot_id', 'available_quantity'])
      .where('lot_number', '=', 'RACE-0001')
      .execute();
    expect(lots).toEqual([{ lot_id: expect.any(String), available_quantity: '1' }]);
  });
});
