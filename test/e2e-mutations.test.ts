import type { Kysely } from 'kysely';
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
        'lot.consumed -> erp.goods-issue',
        'lot.consumed -> genealogy.lot-consumed',
        'operation.started -> erp.order-status',
        'operation.completed -> quality.operation-completed',
        'production.completed -> erp.goods-receipt',
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
});
