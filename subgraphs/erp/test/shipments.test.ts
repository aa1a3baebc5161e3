import { Decimal } from 'decimal.js';
import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql, type GraphqlResponse } from '../../../test/support/graphql-client.ts';
import { erpDb } from '../src/db/erp-db.ts';
import { startErp } from '../src/server.ts';

const CUSTOMERS = [
  { id: 'cust-b', code: 'BBB', name: 'Brandt Wasser', country: 'DE', source_key: 'KUNNR BBB' },
  { id: 'cust-a', code: 'AAA', name: 'Aqua Alpes', country: 'FR', source_key: 'KUNNR AAA' },
  { id: 'cust-c', code: 'CCC', name: 'Costa Agua', country: 'ES', source_key: 'KUNNR CCC' },
];

/** Sixty finished lots; lot i ships whole to customer i mod 3, and lot 0 also partly to B. */
const LOT_COUNT = 60;
const lotId = (i: number) => `lot-fg-${String(i).padStart(3, '0')}`;
const SHIPMENTS = Array.from({ length: LOT_COUNT }, (_, i) => ({
  id: `ship-${String(i).padStart(3, '0')}`,
  number: `SH-${1000 + i}`,
  customer_id: CUSTOMERS[i % 3]?.id ?? '',
  plant_id: 'plant-1',
  shipped_at: new Date(Date.UTC(2026, 5, 1 + Math.floor(i / 2), 12)),
  source_key: `VBELN ${1000 + i}`,
}));
const LINES = [
  ...SHIPMENTS.map((s, i) => ({
    shipment_id: s.id,
    line_number: 10,
    lot_id: lotId(i),
    quantity: String(10 + i),
    uom: 'EA',
  })),
  { shipment_id: 'ship-001', line_number: 20, lot_id: lotId(0), quantity: '2.5', uom: 'EA' },
];

let statements = 0;
let database: TestDatabase;
let erp: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase({
    onQuery: () => {
      statements += 1;
    },
  });
  erp = await startErp({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('erp', 'silent'),
  });
  const db = erpDb(database.handle.root);
  await db
    .insertInto('plant')
    .values({ id: 'plant-1', code: 'P1', name: 'Plant one', timezone: 'Europe/Paris' })
    .execute();
  await db
    .insertInto('supplier')
    .values({ id: 'sup-1', code: 'S1', name: 'Steel One', country: 'FR' })
    .execute();
  await db
    .insertInto('item')
    .values([
      {
        id: 'item-fg',
        number: 'FG-1',
        description: 'Pump',
        base_uom: 'EA',
        tracking: 'LOT',
        type: 'FINISHED_GOOD',
        source_key: 'M FG-1',
      },
      {
        id: 'item-fg2',
        number: 'FG-2',
        description: 'Valve',
        base_uom: 'EA',
        tracking: 'LOT',
        type: 'FINISHED_GOOD',
        source_key: 'M FG-2',
      },
      {
        id: 'item-rm',
        number: 'RM-1',
        description: 'Steel',
        base_uom: 'KG',
        tracking: 'LOT',
        type: 'RAW_MATERIAL',
        source_key: 'M RM-1',
      },
    ])
    .execute();
  await db
    .insertInto('batch')
    .values(
      ['lot-steel-1', 'lot-steel-2', 'lot-steel-3'].map((id, i) => ({
        lot_id: id,
        plant_id: 'plant-1',
        supplier_id: 'sup-1',
        supplier_lot_number: i < 2 ? 'AR-777' : 'AR-778',
        stock_quantity: '0',
        stock_uom: 'KG',
      })),
    )
    .execute();
  await db.insertInto('customer').values(CUSTOMERS).execute();
  await db.insertInto('shipment').values(SHIPMENTS).execute();
  await db.insertInto('shipment_line').values(LINES).execute();
});

afterAll(async () => {
  await erp?.close();
  await database?.destroy();
});

interface ShipmentPage {
  customer: {
    shipments: {
      nodes: { number: string }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  };
}

describe('customers and shipments', () => {
  it('lists customers by code and answers one with its source reference', async () => {
    const response = await postGraphql<{
      customers: { code: string }[];
      customer: {
        name: string;
        country: string;
        revision: number;
        sourceRefs: { system: string; nativeKey: string }[];
      };
    }>(
      erp.url,
      '{ customers { code } customer(id: "cust-a") { name country revision sourceRefs { system nativeKey } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.customers.map((c) => c.code)).toEqual(['AAA', 'BBB', 'CCC']);
    expect(response.data?.customer).toEqual({
      name: 'Aqua Alpes',
      country: 'FR',
      revision: 1,
      sourceRefs: [{ system: 'ERP', nativeKey: 'KUNNR AAA' }],
    });
  });

  it('answers a shipment by number with its customer, plant and lines', async () => {
    const response = await postGraphql<{ shipmentByNumber: unknown }>(
      erp.url,
      `{ shipmentByNumber(number: "SH-1001") {
          number shippedAt customer { code } plant { code }
          lines { lineNumber lot { id } quantity { value uom } shipment { number } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.shipmentByNumber).toEqual({
      number: 'SH-1001',
      shippedAt: SHIPMENTS[1]?.shipped_at.toISOString(),
      customer: { code: 'AAA' },
      plant: { code: 'P1' },
      lines: LINES.filter((l) => l.shipment_id === 'ship-001').map((l) => ({
        lineNumber: l.line_number,
        lot: { id: l.lot_id },
        quantity: { value: l.quantity, uom: 'EA' },
        shipment: { number: 'SH-1001' },
      })),
    });
  });

  it('gives a lot its shipment lines, oldest first, in one statement however many lots ask', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Lot {
            id
            shipments {
              quantity {
                value
              }
              shipment {
                number
                customer {
                  code
                }
              }
            }
          }
        }
      }
    `;
    const lots = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Lot', id: lotId(i) }));
    statements = 0;
    const five = await postGraphql(erp.url, query, { representations: lots(5) });
    const fewStatements = statements;
    statements = 0;
    const fifty = await postGraphql<{
      _entities: {
        id: string;
        shipments: {
          quantity: { value: string };
          shipment: { number: string; customer: { code: string } };
        }[];
      }[];
    }>(erp.url, query, { representations: lots(50) });
    expect(five.errors).toBeUndefined();
    expect(statements).toBe(fewStatements);
    expect(fifty.data?._entities[0]?.shipments).toEqual([
      { quantity: { value: '10' }, shipment: { number: 'SH-1000', customer: { code: 'BBB' } } },
      { quantity: { value: '2.5' }, shipment: { number: 'SH-1001', customer: { code: 'AAA' } } },
    ]);
    expect(fifty.data?._entities[7]?.shipments).toEqual([
      { quantity: { value: '17' }, shipment: { number: 'SH-1007', customer: { code: 'AAA' } } },
    ]);
  });

  it("pages a customer's shipments newest first with cursors", async () => {
    const query = /* GraphQL */ `
      query ($after: String) {
        customer(id: "cust-c") {
          shipments(first: 7, after: $after) {
            nodes {
              number
            }
            pageInfo {
              endCursor
              hasNextPage
            }
          }
        }
      }
    `;
    const expected = SHIPMENTS.filter((s) => s.customer_id === 'cust-c')
      .sort((a, b) => b.shipped_at.getTime() - a.shipped_at.getTime() || (a.id < b.id ? 1 : -1))
      .map((s) => s.number);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const response: GraphqlResponse<ShipmentPage> = await postGraphql<ShipmentPage>(
        erp.url,
        query,
        { after },
      );
      expect(response.errors).toBeUndefined();
      const shipments = response.data?.customer.shipments;
      seen.push(...(shipments?.nodes.map((n) => n.number) ?? []));
      if (!shipments?.pageInfo.hasNextPage) break;
      after = shipments.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    const bad = await postGraphql(erp.url, query, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    });
  });

  it('finds the lots received under a supplier lot number, paged', async () => {
    const response = await postGraphql<{
      lotsBySupplierLot: {
        nodes: { id: string; supplierLotNumber: string }[];
        pageInfo: { hasNextPage: boolean };
      };
    }>(
      erp.url,
      '{ lotsBySupplierLot(supplierLotNumber: "AR-777", first: 1) { nodes { id supplierLotNumber } pageInfo { hasNextPage } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.lotsBySupplierLot).toEqual({
      nodes: [{ id: 'lot-steel-1', supplierLotNumber: 'AR-777' }],
      pageInfo: { hasNextPage: true },
    });
    const tooMany = await postGraphql(
      erp.url,
      '{ lotsBySupplierLot(supplierLotNumber: "AR-777", first: 501) { nodes { id } } }',
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'first',
    });
  });
});

describe("ERP's part of a recall", () => {
  it('names the lots of the supplier lot and every finished-good item', async () => {
    const response = await postGraphql<{
      _entities: { supplierLots: { id: string }[]; finishedGoodItems: { number: string }[] }[];
    }>(
      erp.url,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on RecallImpact { supplierLots { id } finishedGoodItems { number } }
        }
      }`,
      {
        representations: [
          { __typename: 'RecallImpact', id: 'r1', supplierLotNumber: 'AR-777' },
          { __typename: 'RecallImpact', id: 'r2', supplierLotNumber: null },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([
      {
        supplierLots: [{ id: 'lot-steel-1' }, { id: 'lot-steel-2' }],
        finishedGoodItems: [{ number: 'FG-1' }, { number: 'FG-2' }],
      },
      { supplierLots: [], finishedGoodItems: [{ number: 'FG-1' }, { number: 'FG-2' }] },
    ]);
  });

  it('tells which customers received a set of finished lots, and how much', async () => {
    const recalled = [0, 1, 2, 3, 4, 30].map(lotId).concat(['lot-never-shipped']);
    const response = await postGraphql<{
      _entities: {
        customers: {
          customer: { code: string };
          shipments: { number: string }[];
          lots: { id: string }[];
          quantities: { value: string; uom: string }[];
        }[];
        shipmentSummary: {
          customers: number;
          shipments: number;
          shippedLots: number;
          shippedQuantities: { value: string; uom: string }[];
        };
      }[];
    }>(
      erp.url,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on RecallFinishedGoods {
            customers { customer { code } shipments { number } lots { id } quantities { value uom } }
            shipmentSummary { customers shipments shippedLots shippedQuantities { value uom } }
          }
        }
      }`,
      { representations: [{ __typename: 'RecallFinishedGoods', lotIds: recalled }] },
    );
    expect(response.errors).toBeUndefined();
    const lines = LINES.filter((l) => recalled.includes(l.lot_id));
    const customerOf = (shipmentId: string) =>
      CUSTOMERS.find((c) => c.id === SHIPMENTS.find((s) => s.id === shipmentId)?.customer_id);
    const expected = [...new Set(lines.map((l) => customerOf(l.shipment_id)?.code))]
      .sort()
      .map((code) => {
        const mine = lines.filter((l) => customerOf(l.shipment_id)?.code === code);
        return {
          customer: { code },
          shipments: [...new Set(mine.map((l) => l.shipment_id))]
            .sort()
            .map((id) => ({ number: SHIPMENTS.find((s) => s.id === id)?.number })),
          lots: [...new Set(mine.map((l) => l.lot_id))].sort().map((id) => ({ id })),
          quantities: [
            {
              value: mine.reduce((sum, l) => sum.add(l.quantity), new Decimal(0)).toString(),
              uom: 'EA',
            },
          ],
        };
      });
    const [finished] = response.data?._entities ?? [];
    expect(finished?.customers).toEqual(expected);
    expect(finished?.shipmentSummary).toEqual({
      customers: expected.length,
      shipments: new Set(lines.map((l) => l.shipment_id)).size,
      shippedLots: new Set(lines.map((l) => l.lot_id)).size,
      shippedQuantities: [
        {
          value: lines.reduce((sum, l) => sum.add(l.quantity), new Decimal(0)).toString(),
          uom: 'EA',
        },
      ],
    });
  });
});
