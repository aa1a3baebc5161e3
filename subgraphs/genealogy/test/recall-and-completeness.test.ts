import { Decimal } from 'decimal.js';
import { createLogger, type RunningSubgraph } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { readGenealogyLimits } from '../src/config.ts';
import { genealogyDb } from '../src/db/genealogy-db.ts';
import { startGenealogy } from '../src/server.ts';
import { LINKS, LOTS, fixtureLot, seedChain } from './chain-fixture.ts';

/**
 * These tests talk to genealogy as the gateway does: ERP's fields arrive in entity
 * representations (what @requires makes the gateway pass along).
 */
let database: TestDatabase;
let genealogy: RunningSubgraph;

beforeAll(async () => {
  database = await openTestDatabase();
  genealogy = await startGenealogy({
    host: '127.0.0.1',
    port: 0,
    database: database.handle,
    log: createLogger('genealogy', 'silent'),
    limits: readGenealogyLimits({}),
  });
  await seedChain(genealogyDb(database.handle.root));
});

afterAll(async () => {
  await genealogy?.close();
  await database?.destroy();
});

const FINISHED_ITEMS = [{ id: 'item-pump' }];

async function openRecall(args: Record<string, unknown>): Promise<string> {
  const response = await postGraphql<{ recallImpact: { id: string } }>(
    genealogy.url,
    /* GraphQL */ `
      query ($lotIds: [ID!], $lotNumbers: [String!], $supplierLotNumber: String, $asOf: DateTime) {
        recallImpact(
          lotIds: $lotIds
          lotNumbers: $lotNumbers
          supplierLotNumber: $supplierLotNumber
          asOf: $asOf
        ) {
          id
        }
      }
    `,
    args,
  );
  expect(response.errors).toBeUndefined();
  const id = response.data?.recallImpact.id;
  if (!id) throw new Error('no recall id');
  return id;
}

const RECALL_FIELDS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on RecallImpact {
        sourceLots {
          number
        }
        summary {
          sourceLots
          lotsReached
          finishedLots
          orders
          finishedQuantities {
            value
            uom
          }
          truncated
        }
        finishedGoods {
          lotIds
          lots(first: 1) {
            nodes {
              number
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
          orders {
            id
          }
          quantities {
            value
            uom
          }
        }
      }
    }
  }
`;

interface RecallFields {
  _entities: {
    sourceLots: { number: string }[];
    summary: {
      sourceLots: number;
      lotsReached: number;
      finishedLots: number;
      orders: number;
      finishedQuantities: { value: string; uom: string }[];
      truncated: boolean;
    };
    finishedGoods: {
      lotIds: string[];
      lots: { nodes: { number: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      orders: { id: string }[];
      quantities: { value: string; uom: string }[];
    };
  }[];
}

/** Every lot downstream of `start`, from the fixture alone. */
function downstream(start: readonly string[]): Set<string> {
  const reached = new Set(start);
  let grew = true;
  while (grew) {
    grew = false;
    for (const link of LINKS) {
      if (reached.has(link.parent_lot_id) && !reached.has(link.child_lot_id)) {
        reached.add(link.child_lot_id);
        grew = true;
      }
    }
  }
  return reached;
}

describe('recall impact', () => {
  it('finds the finished lots, orders and quantities downstream of a supplier lot', async () => {
    const id = await openRecall({ supplierLotNumber: 'AR-1' });
    // ERP named the steel lot A as received under supplier lot AR-1.
    const response = await postGraphql<RecallFields>(genealogy.url, RECALL_FIELDS, {
      representations: [
        {
          __typename: 'RecallImpact',
          id,
          supplierLots: [{ id: 'lot-steel-a' }],
          finishedGoodItems: FINISHED_ITEMS,
        },
      ],
    });
    expect(response.errors).toBeUndefined();
    const [recall] = response.data?._entities ?? [];
    const reached = downstream(['lot-steel-a']);
    const finished = LOTS.filter((l) => reached.has(l.id) && l.item_id === 'item-pump');
    expect(recall?.sourceLots).toEqual([{ number: fixtureLot('lot-steel-a').number }]);
    expect(recall?.summary).toEqual({
      sourceLots: 1,
      lotsReached: reached.size - 1,
      finishedLots: finished.length,
      orders: new Set(finished.map((l) => l.order_id)).size,
      finishedQuantities: [
        {
          value: finished.reduce((sum, l) => sum.add(l.quantity), new Decimal(0)).toString(),
          uom: 'EA',
        },
      ],
      truncated: false,
    });
    expect(recall?.finishedGoods.lotIds).toEqual(finished.map((l) => l.id).sort());
    expect(recall?.finishedGoods.lots.nodes).toEqual([{ number: 'FG-27001' }]);
    expect(recall?.finishedGoods.lots.pageInfo.hasNextPage).toBe(true);
    expect(recall?.finishedGoods.orders).toEqual([{ id: 'ord-pump' }]);
  });

  it('starts from lots named by id or number, and leaves unknown ones out', async () => {
    const id = await openRecall({ lotIds: ['lot-gasket', 'lot-none'], lotNumbers: ['SA-26001'] });
    const response = await postGraphql<RecallFields>(genealogy.url, RECALL_FIELDS, {
      representations: [
        { __typename: 'RecallImpact', id, supplierLots: [], finishedGoodItems: FINISHED_ITEMS },
      ],
    });
    const [recall] = response.data?._entities ?? [];
    expect(recall?.sourceLots.map((l) => l.number)).toEqual(['RM-24003', 'SA-26001']);
    expect(recall?.summary.lotsReached).toBe(downstream(['lot-gasket', 'lot-housing']).size - 2);
  });

  it('leaves out links recorded after asOf', async () => {
    const id = await openRecall({ lotIds: ['lot-gasket'], asOf: '2026-03-06T10:00:00Z' });
    const response = await postGraphql<RecallFields>(genealogy.url, RECALL_FIELDS, {
      representations: [
        { __typename: 'RecallImpact', id, supplierLots: [], finishedGoodItems: FINISHED_ITEMS },
      ],
    });
    expect(response.data?._entities[0]?.finishedGoods.lotIds).toEqual(['lot-pump-1']);
  });

  it('pages finished goods named by their ids with cursors', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!, $after: String) {
        _entities(representations: $representations) {
          ... on RecallFinishedGoods {
            lots(first: 1, after: $after) {
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
      }
    `;
    const representations = [
      { __typename: 'RecallFinishedGoods', lotIds: ['lot-pump-2', 'lot-pump-1'] },
    ];
    const first = await postGraphql<{
      _entities: {
        lots: {
          nodes: { number: string }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        };
      }[];
    }>(genealogy.url, query, { representations });
    const page = first.data?._entities[0]?.lots;
    expect(page?.nodes).toEqual([{ number: 'FG-27001' }]);
    const second = await postGraphql<{
      _entities: { lots: { nodes: { number: string }[]; pageInfo: { hasNextPage: boolean } } }[];
    }>(genealogy.url, query, { representations, after: page?.pageInfo.endCursor });
    expect(second.data?._entities[0]?.lots).toEqual({
      nodes: [{ number: 'FG-27002' }],
      pageInfo: { endCursor: expect.any(String), hasNextPage: false },
    });
  });

  it('rejects a recall that names nothing, or too many lots', async () => {
    const empty = await postGraphql(genealogy.url, '{ recallImpact { id } }');
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'lotIds',
    });
    const many = await postGraphql(
      genealogy.url,
      'query ($ids: [ID!]) { recallImpact(lotIds: $ids) { id } }',
      { ids: Array.from({ length: 501 }, (_, i) => `lot-${i}`) },
    );
    expect(many.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'lotIds',
    });
  });
});

/** The pump order's pinned BOM, as ERP would pass it: per pump, one housing, two gaskets, screws. */
function pumpOrder(lines: { component: string; tracking: string; perPump: string; uom: string }[]) {
  return {
    __typename: 'Order',
    id: 'ord-pump',
    status: 'COMPLETED',
    plannedQuantity: { value: '100', uom: 'EA' },
    pinnedBom: {
      baseQuantity: { value: '1', uom: 'EA' },
      lines: lines.map((line, i) => ({
        lineNumber: (i + 1) * 10,
        component: { id: line.component, tracking: line.tracking },
        quantityInBaseUnit: { value: line.perPump, uom: line.uom },
      })),
    },
  };
}

const ORDER_CHECK = /* GraphQL */ `
  query ($representations: [_Any!]!, $tolerance: Float) {
    _entities(representations: $representations) {
      ... on Order {
        genealogyCompleteness(tolerance: $tolerance) {
          order {
            id
          }
          score
          complete
          tolerance
          producedQuantity {
            value
            uom
          }
          outputRatio
          lines {
            lineNumber
            component {
              id
            }
            lotTracked
            expectedQuantity {
              value
              uom
            }
            consumedQuantity {
              value
              uom
            }
            deviation
            status
            consumedLots {
              lot {
                number
              }
            }
          }
          gaps {
            kind
            lineNumber
            component {
              id
            }
            message
          }
        }
      }
    }
  }
`;

interface OrderCheck {
  _entities: {
    genealogyCompleteness: {
      order: { id: string };
      score: number;
      complete: boolean;
      tolerance: number;
      producedQuantity: { value: string; uom: string };
      outputRatio: number;
      lines: {
        lineNumber: number;
        component: { id: string };
        lotTracked: boolean;
        expectedQuantity: { value: string; uom: string };
        consumedQuantity: { value: string; uom: string };
        deviation: number | null;
        status: string;
        consumedLots: { lot: { number: string } }[];
      }[];
      gaps: {
        kind: string;
        lineNumber: number | null;
        component: { id: string } | null;
        message: string;
      }[];
    } | null;
  }[];
}

const consumedBy = (orderId: string, itemId: string) =>
  LINKS.filter(
    (l) =>
      l.order_id === orderId && LOTS.find((lot) => lot.id === l.parent_lot_id)?.item_id === itemId,
  ).reduce((sum, l) => sum.add(l.quantity), new Decimal(0));

describe('order genealogy completeness', () => {
  const produced = LOTS.filter((l) => l.order_id === 'ord-pump').reduce(
    (sum, l) => sum.add(l.quantity),
    new Decimal(0),
  );

  it('is complete when every lot-tracked line was consumed as the BOM says, screws aside', async () => {
    const response = await postGraphql<OrderCheck>(genealogy.url, ORDER_CHECK, {
      representations: [
        pumpOrder([
          { component: 'item-housing', tracking: 'LOT', perPump: '1', uom: 'EA' },
          { component: 'item-gasket', tracking: 'LOT', perPump: '2', uom: 'EA' },
          { component: 'item-screw', tracking: 'NONE', perPump: '8', uom: 'EA' },
        ]),
      ],
    });
    expect(response.errors).toBeUndefined();
    const check = response.data?._entities[0]?.genealogyCompleteness;
    expect(consumedBy('ord-pump', 'item-housing').eq(produced)).toBe(true);
    expect(consumedBy('ord-pump', 'item-gasket').eq(produced.mul(2))).toBe(true);
    expect(check).toMatchObject({
      order: { id: 'ord-pump' },
      score: 1,
      complete: true,
      tolerance: 0.02,
      producedQuantity: { value: produced.toString(), uom: 'EA' },
      outputRatio: 1,
      gaps: [],
    });
    expect(check?.lines.map((l) => [l.lineNumber, l.lotTracked, l.status])).toEqual([
      [10, true, 'WITHIN_TOLERANCE'],
      [20, true, 'WITHIN_TOLERANCE'],
      [30, false, 'NOT_LOT_TRACKED'],
    ]);
    expect(check?.lines[1]?.consumedLots.map((c) => c.lot.number)).toEqual([
      'RM-24003',
      'RM-24003',
    ]);
  });

  it('lists a lot-tracked line never consumed as a gap, and scores the lines', async () => {
    const response = await postGraphql<OrderCheck>(genealogy.url, ORDER_CHECK, {
      representations: [
        pumpOrder([
          { component: 'item-housing', tracking: 'LOT', perPump: '1', uom: 'EA' },
          { component: 'item-gasket', tracking: 'LOT', perPump: '2', uom: 'EA' },
          { component: 'item-label', tracking: 'LOT', perPump: '1', uom: 'EA' },
        ]),
      ],
    });
    const check = response.data?._entities[0]?.genealogyCompleteness;
    expect(check?.complete).toBe(false);
    expect(check?.score).toBeCloseTo(2 / 3, 4);
    expect(check?.gaps).toEqual([
      {
        kind: 'LINE_NOT_CONSUMED',
        lineNumber: 30,
        component: { id: 'item-label' },
        message: `line 30: no lot consumed, ${produced.toString()} EA expected`,
      },
    ]);
  });

  it('judges the mass balance against the tolerance asked for', async () => {
    const representations = [
      pumpOrder([
        { component: 'item-housing', tracking: 'LOT', perPump: '1', uom: 'EA' },
        { component: 'item-gasket', tracking: 'LOT', perPump: '2.1', uom: 'EA' },
      ]),
    ];
    const strict = await postGraphql<OrderCheck>(genealogy.url, ORDER_CHECK, { representations });
    const gasket = strict.data?._entities[0]?.genealogyCompleteness?.lines[1];
    const expected = produced.mul('2.1');
    const deviation = consumedBy('ord-pump', 'item-gasket').sub(expected).div(expected);
    expect(gasket?.expectedQuantity).toEqual({ value: expected.toString(), uom: 'EA' });
    expect(gasket?.deviation).toBeCloseTo(deviation.toNumber(), 4);
    expect(gasket?.status).toBe('UNDER_CONSUMED');
    expect(strict.data?._entities[0]?.genealogyCompleteness?.gaps.map((g) => g.kind)).toEqual([
      'UNDER_CONSUMED',
    ]);
    const loose = await postGraphql<OrderCheck>(genealogy.url, ORDER_CHECK, {
      representations,
      tolerance: 0.05,
    });
    expect(loose.data?._entities[0]?.genealogyCompleteness?.complete).toBe(true);
  });

  it('flags lots of an item the BOM does not list', async () => {
    const response = await postGraphql<OrderCheck>(genealogy.url, ORDER_CHECK, {
      representations: [
        pumpOrder([{ component: 'item-housing', tracking: 'LOT', perPump: '1', uom: 'EA' }]),
      ],
    });
    const gaps = response.data?._entities[0]?.genealogyCompleteness?.gaps;
    expect(gaps?.map((g) => [g.kind, g.component?.id])).toEqual([
      ['UNEXPECTED_COMPONENT', 'item-gasket'],
    ]);
  });

  it('is null before release, when no BOM is pinned', async () => {
    const response = await postGraphql<OrderCheck>(genealogy.url, ORDER_CHECK, {
      representations: [
        {
          __typename: 'Order',
          id: 'ord-new',
          status: 'CREATED',
          plannedQuantity: { value: '10', uom: 'EA' },
          pinnedBom: null,
        },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities[0]?.genealogyCompleteness).toBeNull();
  });

  it.each([-0.1, 1.5])('rejects tolerance %d, naming the argument', async (tolerance) => {
    const response = await postGraphql(genealogy.url, ORDER_CHECK, {
      representations: [pumpOrder([])],
      tolerance,
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'tolerance',
    });
  });
});

describe('plant genealogy completeness', () => {
  const REPORT = /* GraphQL */ `
    query ($plantId: ID!, $from: DateTime!, $to: DateTime!) {
      genealogyCompleteness(plantId: $plantId, from: $from, to: $to) {
        id
        orders {
          id
        }
      }
    }
  `;
  const FIGURES = /* GraphQL */ `
    query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on GenealogyCompletenessReport {
          ordersChecked
          ordersComplete
          score
          lineScore
          gaps(first: 10) {
            nodes {
              kind
              order {
                id
              }
              component {
                id
              }
            }
          }
        }
      }
    }
  `;

  it('checks the finished orders that made lots at the plant in the range', async () => {
    const opened = await postGraphql<{
      genealogyCompleteness: { id: string; orders: { id: string }[] };
    }>(genealogy.url, REPORT, {
      plantId: 'plant-lyon',
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(opened.errors).toBeUndefined();
    const report = opened.data?.genealogyCompleteness;
    const orderIds = [...new Set(LOTS.flatMap((l) => (l.order_id ? [l.order_id] : [])))].sort();
    expect(report?.orders.map((o) => o.id)).toEqual(orderIds);
    // ERP's answer per order, in the order listed: the bracket order is still running.
    const spec = (
      status: string,
      lines: { component: string; perUnit: string; uom: string }[],
    ) => ({
      status,
      plannedQuantity: { value: '200', uom: 'EA' },
      pinnedBom: {
        baseQuantity: { value: '1', uom: 'EA' },
        lines: lines.map((l, i) => ({
          lineNumber: (i + 1) * 10,
          component: { id: l.component, tracking: 'LOT' },
          quantityInBaseUnit: { value: l.perUnit, uom: l.uom },
        })),
      },
    });
    const specs: Record<string, ReturnType<typeof spec>> = {
      'ord-bracket': spec('IN_PROGRESS', [{ component: 'item-steel', perUnit: '1', uom: 'KG' }]),
      'ord-housing': spec('CLOSED', [{ component: 'item-bracket', perUnit: '1', uom: 'EA' }]),
      'ord-pump': spec('COMPLETED', [
        { component: 'item-housing', perUnit: '1', uom: 'EA' },
        { component: 'item-gasket', perUnit: '2', uom: 'EA' },
        { component: 'item-label', perUnit: '1', uom: 'EA' },
      ]),
    };
    const figures = await postGraphql<{
      _entities: {
        ordersChecked: number;
        ordersComplete: number;
        score: number;
        lineScore: number;
        gaps: {
          nodes: { kind: string; order: { id: string }; component: { id: string } | null }[];
        };
      }[];
    }>(genealogy.url, FIGURES, {
      representations: [
        {
          __typename: 'GenealogyCompletenessReport',
          id: report?.id,
          orders: orderIds.map((id) => specs[id]),
        },
      ],
    });
    expect(figures.errors).toBeUndefined();
    // The housing order consumed its bracket and, without an order, some steel (not its own):
    // complete. The pump order never consumed labels.
    expect(figures.data?._entities[0]).toEqual({
      ordersChecked: 2,
      ordersComplete: 1,
      score: 0.5,
      lineScore: 0.75,
      gaps: {
        nodes: [
          { kind: 'LINE_NOT_CONSUMED', order: { id: 'ord-pump' }, component: { id: 'item-label' } },
        ],
      },
    });
  });

  it('rejects a range that ends before it starts', async () => {
    const response = await postGraphql(genealogy.url, REPORT, {
      plantId: 'plant-lyon',
      from: '2026-04-01T00:00:00Z',
      to: '2026-03-01T00:00:00Z',
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'to',
    });
  });
});
