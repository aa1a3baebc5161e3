import { sql, type Kysely } from 'kysely';
import {
  applyEvent,
  type EventEnvelope,
  type EventHandler,
  type EventTables,
} from '@plantgraph/events';
import { createLogger, type RootDatabase } from '@plantgraph/platform';
import { erpDb } from '../subgraphs/erp/src/db/erp-db.ts';
import { handlers as erpHandlers } from '../subgraphs/erp/src/events/handlers.ts';
import { genealogyDb } from '../subgraphs/genealogy/src/db/genealogy-db.ts';
import { handlers as genealogyHandlers } from '../subgraphs/genealogy/src/events/handlers.ts';
import { mesDb } from '../subgraphs/mes/src/db/mes-db.ts';
import { handlers as mesHandlers } from '../subgraphs/mes/src/events/handlers.ts';
import { qualityDb } from '../subgraphs/quality/src/db/quality-db.ts';
import { handlers as qualityHandlers } from '../subgraphs/quality/src/events/handlers.ts';
import { postGraphql } from './support/graphql-client.ts';
import { outboxEvents } from './support/outbox.ts';
import { readmeOperations } from './support/readme.ts';
import { recordFailure } from './support/subscriptions.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 180_000);

afterAll(async () => {
  await t?.close();
});

/** Every `errors` list in a mutation's answer (one per payload). */
function payloadErrors(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(payloadErrors);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'errors' && Array.isArray(inner) ? inner : payloadErrors(inner),
  );
}

/**
 * Carries every event written so far to the consumers of the other subgraphs through the consumer
 * runner's `applyEvent` (each consumer applies each event once, in its own transaction), so it
 * agrees with an event backbone that may be carrying the same events.
 */
function eventCarrier(root: Kysely<RootDatabase>) {
  const log = createLogger('e2e', 'silent');
  const consumersOf = (db: Kysely<EventTables>, handlers: readonly EventHandler<EventTables>[]) =>
    handlers.map((handler) => ({
      name: handler.consumer,
      types: handler.types,
      apply: (event: EventEnvelope) => applyEvent(db, handler, event, { log }),
    }));
  const consumers = [
    ...consumersOf(erpDb(root), erpHandlers),
    ...consumersOf(mesDb(root), mesHandlers),
    ...consumersOf(qualityDb(root), qualityHandlers),
    ...consumersOf(genealogyDb(root), genealogyHandlers),
  ];
  const applied = new Set<string>();
  return async function carry(): Promise<string[]> {
    const carried: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      let progressed = false;
      for (const schema of ['erp', 'mes', 'quality', 'genealogy']) {
        for (const event of await outboxEvents(root, schema)) {
          for (const consumer of consumers) {
            const key = `${consumer.name}/${event.id}`;
            if (!consumer.types.includes(event.type) || applied.has(key)) continue;
            await consumer.apply(event);
            applied.add(key);
            carried.push(`${event.type} -> ${consumer.name}`);
            progressed = true;
          }
        }
      }
      if (!progressed) break;
    }
    return carried;
  };
}

describe('mutations through the gateway', () => {
  it("runs the README's mutation examples on the demo data without a broken rule", async () => {
    const operations = (await readmeOperations(new URL('../README.md', import.meta.url))).filter(
      (o) => o.query.trimStart().startsWith('mutation'),
    );
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const { query, variables } of operations) {
      const response = await postGraphql(t.gatewayUrl, query, variables);
      expect({ query, errors: response.errors }).toEqual({ query, errors: undefined });
      expect({ query, errors: payloadErrors(response.data) }).toEqual({ query, errors: [] });
    }
  });

  it('follows an order from release to a released, traceable lot, the events carried between subgraphs', async () => {
    const gql = async <T = Record<string, unknown>>(query: string, variables = {}) => {
      const response = await postGraphql<T>(t.gatewayUrl, query, variables, {
        'x-correlation-id': 'e2e-order-226',
      });
      expect(response.errors).toBeUndefined();
      expect(payloadErrors(response.data)).toEqual([]);
      if (!response.data) throw new Error('no data');
      return response.data;
    };
    const carry = eventCarrier(t.database.handle.root);
    await carry();

    await gql(`mutation {
      releaseOrder(input: { idempotencyKey: "e2e-rel", orderNumber: "PO-100226", actor: "e2e" }) {
        acknowledgment { status } errors { code field message }
      }
    }`);
    expect(await carry()).toEqual(
      expect.arrayContaining([
        'order.released -> mes.order-released',
        'order.released -> quality.order-released',
      ]),
    );

    const { order } = await gql<{
      order: { id: string; operations: { sequence: number; status: string }[] };
    }>(`{ order: orderByNumber(number: "PO-100226") { id operations { sequence status } } }`);
    expect(order.operations.map((o) => o.status)).toEqual([
      'PENDING',
      'PENDING',
      'PENDING',
      'PENDING',
      'PENDING',
    ]);

    await gql(`mutation {
      recordConsumption(input: {
        idempotencyKey: "e2e-consume", orderNumber: "PO-100226", lotNumber: "L2611-0479",
        quantity: { value: "2", uom: "EA" }, actor: "e2e"
      }) { consumption { id } errors { code field message } }
    }`);
    // Shop-floor reports come after the release (which ran at the wall clock's now), a second apart.
    const releasedAt = Date.now();
    let second = 0;
    const time = () => new Date(releasedAt + (second += 1) * 1000).toISOString();
    for (const [i, step] of order.operations.entries()) {
      await gql(`mutation {
        startOperation(input: { idempotencyKey: "e2e-start-${step.sequence}", orderNumber: "PO-100226",
          sequence: ${step.sequence}, eventSequence: 1, occurredAt: "${time()}", actor: "e2e" }) {
          report { status } errors { code field message }
        }
        completeOperation(input: { idempotencyKey: "e2e-complete-${step.sequence}", orderNumber: "PO-100226",
          sequence: ${step.sequence}, eventSequence: 2, occurredAt: "${time()}", actor: "e2e",
          goodQuantity: "${i === 0 ? '2' : '0'}" }) {
          report { status } errors { code field message }
        }
      }`);
    }
    const { reportCompletion } = await gql<{
      reportCompletion: { completion: { lotNumber: string; lot: { id: string } } };
    }>(`mutation {
      reportCompletion(input: { idempotencyKey: "e2e-final", orderNumber: "PO-100226", goodQuantity: "2",
        final: true, lotNumber: "E2E-PUMP-01", actor: "e2e" }) {
        completion { lotNumber lot { id } } errors { code field message }
      }
    }`);
    const carried = await carry();
    expect(carried).toEqual(
      expect.arrayContaining([
        'lot.consumed -> erp.goods-postings',
        'lot.consumed -> genealogy.lot-consumed',
        'operation.started -> erp.order-status',
        'operation.completed -> quality.operation-completed',
        'production.completed -> erp.goods-postings',
        'production.completed -> quality.production-completed',
        'production.completed -> genealogy.production-completed',
      ]),
    );

    const lotQuery = `{ lotByNumber(number: "E2E-PUMP-01") {
      number qualityStatus stock { value uom } producedBy { number status }
      parents { lot { number } } inspections { number type status }
    } }`;
    const before = await gql<{
      lotByNumber: {
        qualityStatus: string;
        stock: { value: string } | null;
        producedBy: { number: string; status: string };
        parents: { lot: { number: string } }[];
        inspections: { number: string; type: string; status: string }[];
      };
    }>(lotQuery);
    expect(before.lotByNumber).toMatchObject({
      qualityStatus: 'QUARANTINE',
      stock: { value: '0' },
      producedBy: { number: 'PO-100226', status: 'COMPLETED' },
      parents: [{ lot: { number: 'L2611-0479' } }],
    });
    // The in-process inspection opened when its operation completed, linked to the order's lot.
    expect(before.lotByNumber.inspections.map((i) => [i.type, i.status]).sort()).toEqual([
      ['FINAL', 'PLANNED'],
      ['IN_PROCESS', 'PLANNED'],
    ]);
    const final = before.lotByNumber.inspections.find((i) => i.type === 'FINAL');
    expect(reportCompletion.completion.lotNumber).toBe('E2E-PUMP-01');

    await gql(`mutation {
      recordInspectionResults(input: { idempotencyKey: "e2e-inspect",
        inspectionNumber: "${final?.number ?? ''}",
        inspectedAt: "${new Date().toISOString()}", actor: "e2e",
        results: [{ characteristicCode: "DFT", measured: "120" }, { characteristicCode: "LEAK", measured: "0.2" },
                  { characteristicCode: "NOISE", measured: "66" }] }) {
        outcome { status } errors { code field message }
      }
    }`);
    expect(await carry()).toEqual(
      expect.arrayContaining([
        'lot.hold.changed -> erp.lot-quality',
        'lot.hold.changed -> mes.lot-status',
      ]),
    );
    const after = await gql<{ lotByNumber: { qualityStatus: string; stock: { value: string } } }>(
      lotQuery,
    );
    expect(after.lotByNumber).toMatchObject({ qualityStatus: 'RELEASED', stock: { value: '2' } });
  });

  it('refuses a lot whose inspection failed until quality releases it: hold, nonconformance, disposition, then consumption', async () => {
    const gql = async <T = Record<string, unknown>>(query: string, variables = {}) => {
      const response = await postGraphql<T>(t.gatewayUrl, query, variables, {
        'x-correlation-id': 'e2e-failure-path',
      });
      expect(response.errors).toBeUndefined();
      if (!response.data) throw new Error('no data');
      return response.data;
    };
    const carry = eventCarrier(t.database.handle.root);
    await carry();
    // A planned inspection of a lot an open order's BOM takes (the demo has such lots waiting).
    const { rows } = await sql<{ inspection: string; lot: string; order: string; uom: string }>`
      select i.number as inspection, l.number as lot, oc.order_number as order, c.base_uom as uom
      from quality.inspection i
      join genealogy.lot l on l.id = i.lot_id
      join mes.lot_stock s on s.lot_id = l.id and s.available_quantity >= 1
      join mes.order_component c on c.item_id = l.item_id
      join mes.order_context oc on oc.order_id = c.order_id
      join mes.execution e on e.order_id = c.order_id and e.status <> 'COMPLETED'
      where i.status = 'PLANNED'
        and not exists (select 1 from mes.order_status st where st.order_id = c.order_id
                        and st.status in ('ON_HOLD', 'CANCELLED', 'CLOSED'))
      order by i.number, oc.order_number desc limit 1`.execute(t.database.handle.root);
    const target = rows[0];
    if (!target) throw new Error("the demo has no planned inspection of an open order's component");
    const { inspectionByNumber } = await gql<{
      inspectionByNumber: {
        plan: { characteristics: { code: string; upperLimit: string | null }[] };
      };
    }>(
      `query($n: String!) { inspectionByNumber(number: $n) { plan { characteristics { code upperLimit } } } }`,
      {
        n: target.inspection,
      },
    );
    await recordFailure(t.gatewayUrl, target.inspection, inspectionByNumber.plan.characteristics);
    expect(await carry()).toEqual(expect.arrayContaining(['lot.hold.changed -> mes.lot-status']));

    const lotQuery = `query($n: String!) { lotByNumber(number: $n) {
      qualityStatus inspections { number status } nonconformances { number status } } }`;
    const held = await gql<{
      lotByNumber: {
        qualityStatus: string;
        inspections: { number: string; status: string }[];
        nonconformances: { number: string; status: string }[];
      };
    }>(lotQuery, { n: target.lot });
    expect(held.lotByNumber.qualityStatus).toBe('ON_HOLD');
    expect(held.lotByNumber.inspections).toContainEqual({
      number: target.inspection,
      status: 'FAILED',
    });
    const raised = held.lotByNumber.nonconformances.find((nc) => nc.status === 'OPEN');
    if (!raised) throw new Error('no open nonconformance');

    const consume = (key: string) =>
      gql<{
        recordConsumption: {
          consumption: { lotNumber: string } | null;
          errors: { code: string; field: string }[];
        };
      }>(
        `mutation($k: String!, $o: String!, $l: String!, $u: String!) { recordConsumption(input: {
          idempotencyKey: $k, orderNumber: $o, lotNumber: $l, quantity: { value: "1", uom: $u },
          actor: "e2e" }) { consumption { lotNumber } errors { code field } } }`,
        { k: key, o: target.order, l: target.lot, u: target.uom },
      );
    expect((await consume('e2e-consume-held')).recordConsumption).toEqual({
      consumption: null,
      errors: [{ code: 'LOT_NOT_AVAILABLE', field: 'lotNumber' }],
    });

    const decided = await gql<Record<string, { errors: unknown[] }>>(
      `mutation($nc: String!, $l: String!) {
        nc: dispositionNonconformance(input: { idempotencyKey: "e2e-nc", nonconformanceNumber: $nc,
          disposition: USE_AS_IS, reason: "within the customer's tolerance", actor: "mrb" }) { errors { code } }
        lot: dispositionLot(input: { idempotencyKey: "e2e-release", lotNumber: $l, disposition: RELEASE,
          reason: "released after the MRB decision", actor: "qe" }) { errors { code } }
      }`,
      { nc: raised.number, l: target.lot },
    );
    expect(decided).toEqual({ nc: { errors: [] }, lot: { errors: [] } });
    expect(await carry()).toEqual(expect.arrayContaining(['lot.hold.changed -> mes.lot-status']));
    expect((await consume('e2e-consume-released')).recordConsumption).toEqual({
      consumption: { lotNumber: target.lot },
      errors: [],
    });
  });
});
