import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { mesDb } from '../src/db/mes-db.ts';
import { startMes } from '../src/server.ts';

let database: TestDatabase;
let mes: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase();
  mes = await startMes({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('mes', 'silent'),
  });
  const db = mesDb(database.handle.root);
  await db
    .insertInto('execution')
    .values([
      {
        order_id: 'ord-1001',
        plant_id: 'plant-lyon',
        status: 'IN_PROGRESS',
        started_at: new Date('2026-03-02T07:00:00+01:00'),
        completed_at: null,
        good_quantity: '40',
        scrap_quantity: '2',
        uom: 'EA',
        revision: 4,
      },
      {
        order_id: 'ord-1002',
        plant_id: 'plant-lyon',
        status: 'NOT_STARTED',
        started_at: null,
        completed_at: null,
        uom: 'KG',
      },
    ])
    .execute();
  // Inserted out of sequence on purpose: the order's operations must come back by sequence.
  await db
    .insertInto('operation')
    .values([
      {
        id: 'op-1001-30',
        order_id: 'ord-1001',
        sequence: 30,
        operation_code: 'PACK',
        description: 'Pack and label',
        work_center: 'WC-PACK',
        status: 'PENDING',
        planned_quantity: '118',
        uom: 'EA',
        started_at: null,
        completed_at: null,
      },
      {
        id: 'op-1001-10',
        order_id: 'ord-1001',
        sequence: 10,
        operation_code: 'CUT',
        description: 'Laser cut blanks',
        work_center: 'WC-LASER',
        status: 'COMPLETED',
        planned_quantity: '120',
        good_quantity: '118',
        scrap_quantity: '2',
        uom: 'EA',
        started_at: new Date('2026-03-02T06:00:00Z'),
        completed_at: new Date('2026-03-02T09:30:00Z'),
        revision: 3,
        updated_at: new Date('2026-03-02T09:30:05Z'),
      },
      {
        id: 'op-1001-20',
        order_id: 'ord-1001',
        sequence: 20,
        operation_code: 'WELD',
        description: 'Weld housing',
        work_center: 'WC-WELD',
        status: 'IN_PROGRESS',
        planned_quantity: '118',
        good_quantity: '40',
        uom: 'EA',
        started_at: new Date('2026-03-02T10:00:00Z'),
        completed_at: null,
        requires_inspection: true,
        revision: 2,
        updated_at: new Date('2026-03-02T12:15:00+01:00'),
      },
      {
        id: 'op-1002-10',
        order_id: 'ord-1002',
        sequence: 10,
        operation_code: 'MIX',
        description: 'Mix base compound',
        work_center: 'WC-MIXER',
        status: 'PENDING',
        planned_quantity: '250.000',
        uom: 'KG',
        started_at: null,
        completed_at: null,
      },
    ])
    .execute();
  await db
    .insertInto('lot_production')
    .values({
      lot_id: 'lot-fg-0001',
      order_id: 'ord-1001',
      produced_at: new Date('2026-03-02T11:00:00Z'),
    })
    .execute();
});

afterAll(async () => {
  await mes.close();
  await database.destroy();
});

const ORDERS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        id
        operations {
          id
          sequence
          operationCode
          status
          plannedQuantity {
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
        }
        execution {
          status
          startedAt
          completedAt
          goodQuantity {
            value
            uom
          }
          scrapQuantity {
            value
            uom
          }
          revision
        }
      }
    }
  }
`;

const LOTS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Lot {
        id
        producedBy {
          id
        }
      }
    }
  }
`;

const OPERATION = /* GraphQL */ `
  query ($id: ID!) {
    operation(id: $id) {
      id
      order {
        id
      }
      sequence
      operationCode
      description
      workCenter
      status
      plannedQuantity {
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
      startedAt
      completedAt
      requiresInspection
      revision
      sourceRefs {
        system
        nativeKey
        lastChangedAt
      }
    }
  }
`;

function orders(...ids: string[]) {
  return { representations: ids.map((id) => ({ __typename: 'Order', id })) };
}

describe('mes order execution', () => {
  it('lists the operations of each order in routing sequence with their quantities', async () => {
    const response = await postGraphql(mes.url, ORDERS, orders('ord-1001', 'ord-1002'));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        {
          id: 'ord-1001',
          operations: [
            {
              id: 'op-1001-10',
              sequence: 10,
              operationCode: 'CUT',
              status: 'COMPLETED',
              plannedQuantity: { value: '120', uom: 'EA' },
              goodQuantity: { value: '118', uom: 'EA' },
              scrapQuantity: { value: '2', uom: 'EA' },
            },
            {
              id: 'op-1001-20',
              sequence: 20,
              operationCode: 'WELD',
              status: 'IN_PROGRESS',
              plannedQuantity: { value: '118', uom: 'EA' },
              goodQuantity: { value: '40', uom: 'EA' },
              scrapQuantity: { value: '0', uom: 'EA' },
            },
            {
              id: 'op-1001-30',
              sequence: 30,
              operationCode: 'PACK',
              status: 'PENDING',
              plannedQuantity: { value: '118', uom: 'EA' },
              goodQuantity: { value: '0', uom: 'EA' },
              scrapQuantity: { value: '0', uom: 'EA' },
            },
          ],
          execution: {
            status: 'IN_PROGRESS',
            startedAt: '2026-03-02T06:00:00.000Z',
            completedAt: null,
            goodQuantity: { value: '40', uom: 'EA' },
            scrapQuantity: { value: '2', uom: 'EA' },
            revision: 4,
          },
        },
        {
          id: 'ord-1002',
          operations: [
            {
              id: 'op-1002-10',
              sequence: 10,
              operationCode: 'MIX',
              status: 'PENDING',
              plannedQuantity: { value: '250.000', uom: 'KG' },
              goodQuantity: { value: '0', uom: 'KG' },
              scrapQuantity: { value: '0', uom: 'KG' },
            },
          ],
          execution: {
            status: 'NOT_STARTED',
            startedAt: null,
            completedAt: null,
            goodQuantity: { value: '0', uom: 'KG' },
            scrapQuantity: { value: '0', uom: 'KG' },
            revision: 1,
          },
        },
      ],
    });
  });

  it('answers an order the MES has never seen with no operations and no execution', async () => {
    const response = await postGraphql(mes.url, ORDERS, orders('ord-unknown'));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [{ id: 'ord-unknown', operations: [], execution: null }],
    });
  });

  it('tells which order produced a lot, and null for a lot no order produced', async () => {
    const response = await postGraphql(mes.url, LOTS, {
      representations: [
        { __typename: 'Lot', id: 'lot-fg-0001' },
        { __typename: 'Lot', id: 'lot-purchased-7' },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        { id: 'lot-fg-0001', producedBy: { id: 'ord-1001' } },
        { id: 'lot-purchased-7', producedBy: null },
      ],
    });
  });

  it('answers every field of an operation, with its MES source reference', async () => {
    const response = await postGraphql(mes.url, OPERATION, { id: 'op-1001-20' });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      operation: {
        id: 'op-1001-20',
        order: { id: 'ord-1001' },
        sequence: 20,
        operationCode: 'WELD',
        description: 'Weld housing',
        workCenter: 'WC-WELD',
        status: 'IN_PROGRESS',
        plannedQuantity: { value: '118', uom: 'EA' },
        goodQuantity: { value: '40', uom: 'EA' },
        scrapQuantity: { value: '0', uom: 'EA' },
        startedAt: '2026-03-02T10:00:00.000Z',
        completedAt: null,
        requiresInspection: true,
        revision: 2,
        sourceRefs: [
          { system: 'MES', nativeKey: 'op-1001-20', lastChangedAt: '2026-03-02T11:15:00.000Z' },
        ],
      },
    });
  });

  it('resolves an operation by its key for the gateway', async () => {
    const response = await postGraphql(
      mes.url,
      /* GraphQL */ `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Operation {
              id
              sequence
              completedAt
              order {
                id
              }
            }
          }
        }
      `,
      {
        representations: [
          { __typename: 'Operation', id: 'op-1001-10' },
          { __typename: 'Operation', id: 'op-missing' },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      _entities: [
        {
          id: 'op-1001-10',
          sequence: 10,
          completedAt: '2026-03-02T09:30:00.000Z',
          order: { id: 'ord-1001' },
        },
        null,
      ],
    });
  });

  it('answers an unknown operation id with null and no error', async () => {
    const response = await postGraphql(mes.url, OPERATION, { id: 'op-does-not-exist' });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ operation: null });
  });
});
