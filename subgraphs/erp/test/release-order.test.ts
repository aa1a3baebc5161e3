import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { DEMO, migrateAll, seedDemo } from '@plantgraph/seed';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { footprint } from '../../../test/support/footprint.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { outboxEvents } from '../../../test/support/outbox.ts';
import { erpDb, type ErpDb } from '../src/db/erp-db.ts';
import { startErp } from '../src/server.ts';

let database: TestDatabase;
let erp: RunningSubgraph;
let db: ErpDb;

const RELEASE = /* GraphQL */ `
  mutation Release($input: ReleaseOrderInput!) {
    releaseOrder(input: $input) {
      acknowledgment {
        orderNumber
        status
        revision
        releasedAt
        correlationId
        eventId
        order {
          number
          status
          revision
        }
        pinnedItemRevision {
          id
          revision
        }
        pinnedBom {
          id
        }
        pinnedRouting {
          id
        }
        executionContext {
          operations {
            id
            sequence
            operationCode
            requiresInspection
          }
          components {
            lineNumber
            component {
              number
            }
            quantityPerBase {
              value
              uom
            }
            requiredQuantity {
              value
              uom
            }
          }
          inspectionPoints {
            sequence
            type
            plan {
              id
            }
            planNumber
            planRevision
          }
          finalInspection
        }
        componentAvailability {
          lineNumber
          component {
            number
          }
          required {
            value
            uom
          }
          available {
            value
            uom
          }
          shortfall {
            value
            uom
          }
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

interface ReleasePayload {
  releaseOrder: {
    acknowledgment: {
      orderNumber: string;
      status: string;
      revision: number;
      releasedAt: string;
      correlationId: string;
      eventId: string;
      order: { number: string; status: string; revision: number };
      pinnedItemRevision: { id: string; revision: string };
      pinnedBom: { id: string };
      pinnedRouting: { id: string };
      executionContext: {
        operations: { id: string; sequence: number; operationCode: string }[];
        components: {
          lineNumber: number;
          component: { number: string };
          requiredQuantity: { value: string; uom: string };
        }[];
        inspectionPoints: {
          sequence: number;
          type: string;
          plan: { id: string };
          planRevision: string;
        }[];
        finalInspection: boolean;
      };
      componentAvailability: {
        lineNumber: number;
        component: { number: string };
        required: { value: string; uom: string };
        available: { value: string; uom: string };
        shortfall: { value: string; uom: string };
      }[];
    } | null;
    errors: { code: string; field: string; message: string }[];
  };
}

const WRITTEN = ['erp.production_order', 'erp.outbox:id', 'erp.audit_entry', 'erp.idempotency_key'];

function release(input: Record<string, unknown>, headers: Record<string, string> = {}) {
  return postGraphql<ReleasePayload>(
    erp.url,
    RELEASE,
    { input: { actor: 'planner.anna', ...input } },
    headers,
  );
}

const at = (iso: string) => new Date(iso);

/** Test items each breaking one release rule, and a CREATED order for each. */
async function seedBrokenMasterData(): Promise<void> {
  const items = [
    ['tst-draft', 'TST-DRAFT'],
    ['tst-nobom', 'TST-NOBOM'],
    ['tst-draftbom', 'TST-DRAFTBOM'],
    ['tst-noplan', 'TST-NOPLAN'],
    ['tst-badunit', 'TST-BADUNIT'],
  ] as const;
  await db
    .insertInto('item')
    .values(
      items.map(([id, number]) => ({
        id,
        number,
        description: `Test item ${number}`,
        base_uom: 'EA',
        tracking: 'LOT' as const,
        type: 'FINISHED_GOOD' as const,
        source_key: `MATNR ${number}`,
      })),
    )
    .execute();
  await db
    .insertInto('item_revision')
    .values(
      items.map(([id]) => ({
        id: `${id}-rev-a`,
        item_id: id,
        revision: 'A',
        change_number: 'ECN-T',
        status: id === 'tst-draft' ? ('DRAFT' as const) : ('RELEASED' as const),
        effective_from: at('2026-01-01T00:00:00Z'),
        effective_to: null,
      })),
    )
    .execute();
  const released = (id: string, status: 'RELEASED' | 'DRAFT' = 'RELEASED') => ({
    id: `bom-${id}`,
    item_revision_id: `${id}-rev-a`,
    revision: 'A',
    status,
    base_quantity: '1',
    base_uom: 'EA',
  });
  await db
    .insertInto('bom')
    .values([released('tst-draftbom', 'DRAFT'), released('tst-noplan'), released('tst-badunit')])
    .execute();
  await db
    .insertInto('bom_line')
    .values([
      {
        bom_id: 'bom-tst-noplan',
        line_number: 10,
        component_item_id: 'item-rm-screw-m8',
        quantity: '4',
        uom: 'EA',
      },
      {
        bom_id: 'bom-tst-badunit',
        line_number: 10,
        component_item_id: 'item-rm-screw-m8',
        quantity: '0.2',
        uom: 'KG',
      },
    ])
    .execute();
  await db
    .insertInto('routing')
    .values(
      (
        [
          ['tst-draftbom', 'DRAFT'],
          ['tst-noplan', 'RELEASED'],
          ['tst-badunit', 'RELEASED'],
        ] as const
      ).map(([id, status]) => ({
        id: `routing-${id}`,
        item_revision_id: `${id}-rev-a`,
        revision: 'A',
        status,
      })),
    )
    .execute();
  const step = (routing: string, sequence: number, inspected: boolean) => ({
    routing_id: routing,
    sequence,
    operation_code: `OP${sequence}`,
    description: 'Test step',
    work_center: 'WC-T',
    standard_minutes: '1',
    requires_inspection: inspected,
  });
  await db
    .insertInto('routing_step')
    .values([
      step('routing-tst-noplan', 10, true),
      step('routing-tst-noplan', 20, true),
      step('routing-tst-badunit', 10, false),
    ])
    .execute();
  await db
    .insertInto('production_order')
    .values(
      items.map(([id], i) => ({
        id: `order-${id}`,
        number: `PO-T0${i + 1}`,
        plant_id: DEMO.plantLyon,
        item_id: id,
        planned_quantity: '10',
        uom: 'EA',
        status: 'CREATED' as const,
        due_date: '2026-12-31',
        created_at: at('2026-11-20T08:00:00Z'),
        released_at: null,
        pinned_item_revision_id: null,
        pinned_bom_id: null,
        pinned_routing_id: null,
        source_key: `AUFNR T0${i + 1}`,
      })),
    )
    .execute();
}

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.handle.root);
  await seedDemo(database.handle.root);
  erp = await startErp({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('erp', 'silent'),
  });
  db = erpDb(database.handle.root);
  await seedBrokenMasterData();
});

afterAll(async () => {
  await erp?.close();
  await database?.destroy();
});

describe('releaseOrder', () => {
  it('releases a CREATED order: pins the revisions in effect, answers the execution context, writes order.released and an audit entry', async () => {
    const before = await db
      .selectFrom('production_order')
      .selectAll()
      .where('number', '=', DEMO.createdOrderNumber)
      .executeTakeFirstOrThrow();
    const response = await release(
      { idempotencyKey: 'rel-230', orderNumber: DEMO.createdOrderNumber },
      { 'x-correlation-id': 'release-230' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.releaseOrder.errors).toEqual([]);
    const ack = response.data?.releaseOrder.acknowledgment;
    if (!ack) throw new Error('no acknowledgment');

    // FG-1000 revision B (released 2026-06-01, still in effect) with its BOM and routing.
    expect(ack).toMatchObject({
      orderNumber: DEMO.createdOrderNumber,
      status: 'RELEASED',
      revision: before.revision + 1,
      correlationId: 'release-230',
      order: { number: DEMO.createdOrderNumber, status: 'RELEASED', revision: before.revision + 1 },
      pinnedItemRevision: { id: 'item-fg-pump-100-rev-b', revision: DEMO.revisionAfter },
      pinnedBom: { id: 'bom-fg-1000-b' },
      pinnedRouting: { id: 'routing-fg-1000-b' },
    });
    const steps = await db
      .selectFrom('routing_step')
      .select(['sequence', 'operation_code'])
      .where('routing_id', '=', 'routing-fg-1000-b')
      .orderBy('sequence')
      .execute();
    expect(ack.executionContext.operations.map((o) => [o.sequence, o.operationCode])).toEqual(
      steps.map((s) => [s.sequence, s.operation_code]),
    );
    // The supply cable is in MM on the BOM, M its base unit: 2500 MM x 32 pumps = 80 M.
    const cable = ack.executionContext.components.find((c) => c.component.number === 'RM-3007');
    expect(cable?.requiredQuantity).toEqual({ value: '80', uom: 'M' });
    // TEST is an in-process inspection, FINAL (last step of a finished good) the final one.
    expect(
      ack.executionContext.inspectionPoints.map((p) => [
        p.sequence,
        p.type,
        p.plan.id,
        p.planRevision,
      ]),
    ).toEqual([
      [30, 'IN_PROCESS', 'plan-fg-1000-ipq-2', '2'],
      [50, 'FINAL', 'plan-fg-1000-fin-3', '3'],
    ]);
    expect(ack.executionContext.finalInspection).toBe(true);

    const after = await db
      .selectFrom('production_order')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      status: 'RELEASED',
      revision: before.revision + 1,
      pinned_item_revision_id: 'item-fg-pump-100-rev-b',
      pinned_bom_id: 'bom-fg-1000-b',
      pinned_routing_id: 'routing-fg-1000-b',
    });
    expect(after.released_at?.toISOString()).toBe(ack.releasedAt);

    const events = await outboxEvents(database.handle.root, 'erp', { type: 'order.released' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: ack.eventId,
      subject: DEMO.createdOrderNumber,
      aggregatetype: 'Order',
      aggregateid: before.id,
      aggregateversion: before.revision + 1,
      correlationid: 'release-230',
      plant: DEMO.plantLyon,
      data: expect.objectContaining({
        orderNumber: DEMO.createdOrderNumber,
        finalInspection: true,
        itemRevision: expect.objectContaining({ id: 'item-fg-pump-100-rev-b' }),
      }),
    });
    const audit = await db.selectFrom('audit_entry').selectAll().execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'planner.anna',
        correlation_id: 'release-230',
        operation: 'erp.releaseOrder',
        idempotency_key: 'rel-230',
        aggregate_type: 'Order',
        aggregate_id: before.id,
        aggregate_revision: before.revision + 1,
        revisions_in_effect: {
          itemRevision: 'item-fg-pump-100-rev-b',
          bom: 'bom-fg-1000-b',
          routing: 'routing-fg-1000-b',
          'plan@30': 'plan-fg-1000-ipq-2',
          'plan@50': 'plan-fg-1000-fin-3',
        },
        event_ids: [ack.eventId],
      }),
    ]);
  });

  it('reports the availability of every component, shortfalls listed, from the unrestricted stock in the plant', async () => {
    const response = await release({
      idempotencyKey: 'rel-230',
      orderNumber: DEMO.createdOrderNumber,
    });
    const availability = response.data?.releaseOrder.acknowledgment?.componentAvailability ?? [];
    expect(availability.map((a) => a.lineNumber)).toEqual([10, 20, 30, 40]);
    for (const line of availability) {
      const { rows } = await sql<{ stock: string | null }>`
        select sum(b.stock_quantity)::text as stock from erp.batch b
        join genealogy.lot l on l.id = b.lot_id join erp.item i on i.id = l.item_id
        where i.number = ${line.component.number} and b.plant_id = ${DEMO.plantLyon}`.execute(
        database.handle.root,
      );
      const stock = new Decimal(rows[0]?.stock ?? '0');
      const required = new Decimal(line.required.value);
      expect(new Decimal(line.available.value).eq(stock)).toBe(true);
      expect(new Decimal(line.shortfall.value).eq(Decimal.max(0, required.sub(stock)))).toBe(true);
    }
  });

  it('answers a repeat with the same key and input with the first answer and writes nothing', async () => {
    const written = await footprint(database.handle.root, WRITTEN);
    const first = await outboxEvents(database.handle.root, 'erp', { type: 'order.released' });
    const repeat = await release(
      { idempotencyKey: 'rel-230', orderNumber: DEMO.createdOrderNumber },
      { 'x-correlation-id': 'a-retry' },
    );
    expect(repeat.data?.releaseOrder.errors).toEqual([]);
    expect(repeat.data?.releaseOrder.acknowledgment?.eventId).toBe(first[0]?.id);
    expect(repeat.data?.releaseOrder.acknowledgment?.correlationId).toBe('release-230');
    expect(await footprint(database.handle.root, WRITTEN)).toEqual(written);
  });

  it('gives 50 concurrent identical requests one release and 50 identical answers', async () => {
    const order = await db
      .selectFrom('production_order')
      .select(['id', 'revision'])
      .where('number', '=', 'PO-100226')
      .executeTakeFirstOrThrow();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        release({ idempotencyKey: 'rel-226-burst', orderNumber: 'PO-100226' }),
      ),
    );
    const bodies = responses.map((r) => JSON.stringify(r.data));
    expect(new Set(bodies).size).toBe(1);
    expect(responses[0]?.data?.releaseOrder.acknowledgment?.status).toBe('RELEASED');
    const events = await outboxEvents(database.handle.root, 'erp', { type: 'order.released' });
    expect(events.filter((e) => e.aggregateid === order.id)).toHaveLength(1);
    const after = await db
      .selectFrom('production_order')
      .select('revision')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(after.revision).toBe(order.revision + 1);
    const audits = await db
      .selectFrom('audit_entry')
      .select('id')
      .where('aggregate_id', '=', order.id)
      .execute();
    expect(audits).toHaveLength(1);
  });

  const broken: [string, Record<string, unknown>, string, string][] = [
    ['an unknown order', { orderNumber: 'PO-NOPE' }, 'ORDER_NOT_FOUND', 'orderNumber'],
    [
      'an order that is not CREATED',
      { orderNumber: DEMO.releasedOrderNumber },
      'ORDER_NOT_CREATED',
      'orderNumber',
    ],
    [
      'a stale expected revision',
      { orderNumber: 'PO-100231', expectedRevision: 7 },
      'REVISION_CONFLICT',
      'expectedRevision',
    ],
    [
      'a release date before any revision was in effect',
      { orderNumber: 'PO-100231', releaseAt: '2020-01-01T00:00:00Z' },
      'ITEM_REVISION_NOT_IN_EFFECT',
      'releaseAt',
    ],
    [
      'an item whose revision in effect is a draft',
      { orderNumber: 'PO-T01' },
      'ITEM_REVISION_NOT_RELEASED',
      'releaseAt',
    ],
    ['a revision without a BOM', { orderNumber: 'PO-T02' }, 'BOM_MISSING', 'orderNumber'],
    ['a revision without a routing', { orderNumber: 'PO-T02' }, 'ROUTING_MISSING', 'orderNumber'],
    ['a BOM still in draft', { orderNumber: 'PO-T03' }, 'BOM_NOT_RELEASED', 'orderNumber'],
    ['a routing still in draft', { orderNumber: 'PO-T03' }, 'ROUTING_NOT_RELEASED', 'orderNumber'],
    [
      'an inspected step without an approved plan',
      { orderNumber: 'PO-T04' },
      'INSPECTION_PLAN_MISSING',
      'orderNumber',
    ],
    [
      'a BOM line in a unit with no conversion',
      { orderNumber: 'PO-T05' },
      'BOM_UNIT_NOT_CONVERTIBLE',
      'orderNumber',
    ],
    ['a blank actor', { orderNumber: 'PO-100231', actor: ' ' }, 'ACTOR_REQUIRED', 'actor'],
    [
      'a key used before with another input',
      { orderNumber: 'PO-100231', idempotencyKey: 'rel-230' },
      'IDEMPOTENCY_KEY_REUSED',
      'idempotencyKey',
    ],
    [
      'a blank key',
      { orderNumber: 'PO-100231', idempotencyKey: '' },
      'IDEMPOTENCY_KEY_INVALID',
      'idempotencyKey',
    ],
  ];

  it.each(broken)(
    'refuses %s with its code and changes nothing',
    async (_name, input, code, field) => {
      const written = await footprint(database.handle.root, WRITTEN);
      const response = await release({ idempotencyKey: `broken-${code}`, ...input });
      expect(response.errors).toBeUndefined();
      expect(response.data?.releaseOrder.acknowledgment).toBeNull();
      expect(response.data?.releaseOrder.errors).toContainEqual(
        expect.objectContaining({ code, field, message: expect.any(String) }),
      );
      expect(await footprint(database.handle.root, WRITTEN)).toEqual(written);
    },
  );

  it('names the step and the inspection a missing plan is for', async () => {
    const response = await release({ idempotencyKey: 'noplan-detail', orderNumber: 'PO-T04' });
    expect(response.data?.releaseOrder.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^step 10 \(OP10\) calls for a IN_PROCESS inspection/),
      expect.stringMatching(/^step 20 \(OP20\) calls for a FINAL inspection/),
    ]);
  });
});
