import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { mesDb } from '../src/db/mes-db.ts';
import type { NewOperationRow } from '../src/db/tables/operation.ts';
import { startMes } from '../src/server.ts';

const ORDER_COUNT = 50;
const STEPS = [
  { sequence: 10, code: 'CUT', workCenter: 'WC-LASER' },
  { sequence: 20, code: 'WELD', workCenter: 'WC-WELD' },
  { sequence: 30, code: 'PACK', workCenter: 'WC-PACK' },
] as const;

const orderIds = Array.from({ length: ORDER_COUNT }, (_, i) => `ord-${2001 + i}`);

let database: TestDatabase;
let mes: RunningSubgraph;
const statements: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase({ onQuery: (sql) => statements.push(sql) });
  mes = await startMes({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('mes', 'silent'),
  });
  const db = mesDb(database.handle.root);
  await db
    .insertInto('execution')
    .values(
      orderIds.map((orderId) => ({
        order_id: orderId,
        plant_id: 'plant-lyon',
        status: 'IN_PROGRESS' as const,
        started_at: new Date('2026-03-02T06:00:00Z'),
        completed_at: null,
        good_quantity: '10',
        uom: 'EA',
      })),
    )
    .execute();
  const operations: NewOperationRow[] = orderIds.flatMap((orderId) =>
    // Highest sequence first, so the test also sees the order put right.
    [...STEPS].reverse().map((step) => ({
      id: `${orderId}-${step.sequence}`,
      order_id: orderId,
      sequence: step.sequence,
      operation_code: step.code,
      description: `${step.code} for ${orderId}`,
      work_center: step.workCenter,
      status: 'PENDING' as const,
      planned_quantity: '100',
      uom: 'EA',
      started_at: null,
      completed_at: null,
    })),
  );
  await db.insertInto('operation').values(operations).execute();
  await db
    .insertInto('lot_production')
    .values(
      orderIds.map((orderId) => ({
        lot_id: `lot-${orderId}`,
        order_id: orderId,
        produced_at: new Date('2026-03-03T12:00:00Z'),
      })),
    )
    .execute();
});

afterAll(async () => {
  await mes.close();
  await database.destroy();
});

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        id
        operations {
          id
          sequence
          order {
            id
          }
          plannedQuantity {
            value
            uom
          }
        }
        execution {
          status
          goodQuantity {
            value
            uom
          }
        }
      }
      ... on Lot {
        id
        producedBy {
          id
        }
      }
    }
  }
`;

/** Resolves the entities and returns the SQL statements the request executed. */
async function statementsToResolve(typename: 'Order' | 'Lot', ids: readonly string[]) {
  statements.length = 0;
  const response = await postGraphql<{ _entities: unknown[] }>(mes.url, ENTITIES, {
    representations: ids.map((id) => ({ __typename: typename, id })),
  });
  expect(response.errors).toBeUndefined();
  return { entities: response.data?._entities, statements: [...statements] };
}

describe('mes entity batching', () => {
  it('resolves 5 and 50 orders with operations and execution in the same number of statements', async () => {
    const few = await statementsToResolve('Order', orderIds.slice(0, 5));
    const all = await statementsToResolve('Order', orderIds);

    expect(all.entities).toHaveLength(ORDER_COUNT);
    expect(all.entities?.[ORDER_COUNT - 1]).toEqual({
      id: 'ord-2050',
      operations: STEPS.map((step) => ({
        id: `ord-2050-${step.sequence}`,
        sequence: step.sequence,
        order: { id: 'ord-2050' },
        plannedQuantity: { value: '100', uom: 'EA' },
      })),
      execution: { status: 'IN_PROGRESS', goodQuantity: { value: '10', uom: 'EA' } },
    });
    expect(all.statements).toHaveLength(few.statements.length);
    // One query per batch: the operations once, the executions once, whatever the batch size.
    expect(all.statements.filter((sql) => /from "mes"\."operation"/.test(sql))).toHaveLength(1);
    expect(all.statements.filter((sql) => /from "mes"\."execution"/.test(sql))).toHaveLength(1);
  });

  it('resolves 5 and 50 lots to the orders that produced them in the same number of statements', async () => {
    const lotIds = orderIds.map((orderId) => `lot-${orderId}`);
    const few = await statementsToResolve('Lot', lotIds.slice(0, 5));
    const all = await statementsToResolve('Lot', lotIds);

    expect(all.entities).toEqual(
      orderIds.map((orderId) => ({ id: `lot-${orderId}`, producedBy: { id: orderId } })),
    );
    expect(all.statements).toHaveLength(few.statements.length);
    expect(all.statements).toHaveLength(1);
  });
});
