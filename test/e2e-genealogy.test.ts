import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { startGateway } from '@plantgraph/gateway';
import { createLogger, type RunningHttpService } from '@plantgraph/platform';
import { DEMO } from '@plantgraph/seed';
import { SUBGRAPH_NAMES } from '@plantgraph/stack';
import { postGraphql } from './support/graphql-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let t: TestStack;

interface LinkRow {
  id: string;
  parent: string;
  child: string;
  linkedAt: Date;
}
/** Every genealogy link of the demo, read from the table (the expectations' only source). */
let links: LinkRow[];
let lotNumbers: Map<string, string>;

beforeAll(async () => {
  t = await startTestStack();
  const db = t.database.handle.root;
  links = (
    await sql<LinkRow>`select id, parent_lot_id as parent, child_lot_id as child, linked_at as "linkedAt"
      from genealogy.lot_link`.execute(db)
  ).rows;
  lotNumbers = new Map(
    (
      await sql<{ id: string; number: string }>`select id, number from genealogy.lot`.execute(db)
    ).rows.map((r) => [r.id, r.number]),
  );
}, 180_000);

afterAll(async () => {
  await t?.close();
});

/** Breadth-first over the demo's links: each lot with its fewest links from `start`. */
function bfs(
  start: string,
  direction: 'BACKWARD' | 'FORWARD',
  maxDepth: number,
  asOf: Date | null = null,
) {
  const usable = links.filter((l) => asOf === null || l.linkedAt.getTime() <= asOf.getTime());
  const next = (lot: string) =>
    direction === 'BACKWARD'
      ? usable.filter((l) => l.child === lot).map((l) => l.parent)
      : usable.filter((l) => l.parent === lot).map((l) => l.child);
  const depth = new Map([[start, 0]]);
  let frontier = [start];
  for (let d = 0; d < maxDepth && frontier.length > 0; d += 1) {
    const found: string[] = [];
    for (const lot of frontier) {
      for (const other of next(lot)) {
        if (!depth.has(other)) {
          depth.set(other, d + 1);
          found.push(other);
        }
      }
    }
    frontier = found;
  }
  return { depth, beyond: frontier.some((lot) => next(lot).length > 0) };
}

async function lotIdOf(number: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select id from genealogy.lot where number = ${number}`.execute(t.database.handle.root);
  const id = rows[0]?.id;
  if (!id) throw new Error(`demo lot ${number} missing`);
  return id;
}

const TRACE = /* GraphQL */ `
  query ($lotNumber: String!, $direction: TraceDirection!, $maxDepth: Int, $asOf: DateTime) {
    trace(lotNumber: $lotNumber, direction: $direction, maxDepth: $maxDepth, asOf: $asOf) {
      depth
      truncated
      truncatedBy
      nodes {
        depth
        lot {
          id
          number
          item {
            number
            type
          }
          qualityStatus
          producedBy {
            number
          }
        }
      }
      edges {
        parentId
        childId
        order {
          number
        }
        quantity {
          value
          uom
        }
      }
    }
  }
`;

interface TraceData {
  trace: {
    depth: number;
    truncated: boolean;
    truncatedBy: string | null;
    nodes: {
      depth: number;
      lot: {
        id: string;
        number: string;
        item: { number: string; type: string };
        qualityStatus: string | null;
        producedBy: { number: string } | null;
      };
    }[];
    edges: { parentId: string; childId: string; order: { number: string } | null }[];
  } | null;
}

function nodeDepths(data: TraceData | null | undefined): [string, number][] {
  return (data?.trace?.nodes ?? []).map((n) => [n.lot.id, n.depth] as [string, number]).sort();
}

describe('traces on the demo plant', () => {
  it('walks back from the DEMO finished lot through every level to the DEMO supplier lot', async () => {
    const response = await postGraphql<TraceData>(t.gatewayUrl, TRACE, {
      lotNumber: DEMO.finishedLotNumber,
      direction: 'BACKWARD',
    });
    expect(response.errors).toBeUndefined();
    const expected = bfs(await lotIdOf(DEMO.finishedLotNumber), 'BACKWARD', 10);
    expect(nodeDepths(response.data)).toEqual([...expected.depth].sort());
    const trace = response.data?.trace;
    // Five lots on the longest chain: four links.
    expect(trace?.depth).toBe(Math.max(...expected.depth.values()));
    expect(trace?.truncated).toBe(false);
    const supplierLot = trace?.nodes.find((n) => n.lot.number === DEMO.supplierLotLotNumber);
    expect(supplierLot?.lot.item).toEqual({
      number: DEMO.supplierLotItemNumber,
      type: 'RAW_MATERIAL',
    });
    expect(supplierLot?.lot.producedBy).toBeNull();
    expect(trace?.nodes[0]?.lot.producedBy?.number).toBe(DEMO.finishedLotOrderNumber);
    expect(trace?.nodes.every((n) => n.lot.qualityStatus !== null)).toBe(true);
    const edgeKeys = links
      .filter((l) => expected.depth.has(l.child))
      .map((l) => `${l.parent}>${l.child}`)
      .sort();
    expect(trace?.edges.map((e) => `${e.parentId}>${e.childId}`).sort()).toEqual(edgeKeys);
  });

  it('walks forward from the DEMO supplier lot to every finished lot it went into', async () => {
    const response = await postGraphql<TraceData>(t.gatewayUrl, TRACE, {
      lotNumber: DEMO.supplierLotLotNumber,
      direction: 'FORWARD',
    });
    expect(response.errors).toBeUndefined();
    const expected = bfs(await lotIdOf(DEMO.supplierLotLotNumber), 'FORWARD', 10);
    expect(nodeDepths(response.data)).toEqual([...expected.depth].sort());
    const finished = response.data?.trace?.nodes.filter((n) => n.lot.item.type === 'FINISHED_GOOD');
    expect(finished?.length).toBe(DEMO.finishedLotsFromSupplierLot);
    expect(finished?.map((n) => n.lot.number)).toContain(DEMO.finishedLotNumber);
  });

  it('flags a trace cut short by maxDepth', async () => {
    const response = await postGraphql<TraceData>(t.gatewayUrl, TRACE, {
      lotNumber: DEMO.finishedLotNumber,
      direction: 'BACKWARD',
      maxDepth: 2,
    });
    const expected = bfs(await lotIdOf(DEMO.finishedLotNumber), 'BACKWARD', 2);
    expect(expected.beyond).toBe(true);
    expect(response.data?.trace).toMatchObject({ depth: 2, truncated: true, truncatedBy: 'DEPTH' });
    expect(nodeDepths(response.data)).toEqual([...expected.depth].sort());
  });

  it('leaves out a consumption recorded after asOf', async () => {
    // A lot consumed at two different times: asOf between them keeps only the first.
    const { rows } = await sql<{ parent: string; first: Date; last: Date }>`
      select parent_lot_id as parent, min(linked_at) as first, max(linked_at) as last
      from genealogy.lot_link group by parent_lot_id
      having min(linked_at) < max(linked_at) order by parent_lot_id limit 1`.execute(
      t.database.handle.root,
    );
    const lot = rows[0];
    if (!lot) throw new Error('the demo has no lot consumed twice');
    const asOf = new Date((lot.first.getTime() + lot.last.getTime()) / 2);
    const later = links
      .filter((l) => l.parent === lot.parent && l.linkedAt > asOf)
      .map((l) => l.child);
    const response = await postGraphql<TraceData>(t.gatewayUrl, TRACE, {
      lotNumber: lotNumbers.get(lot.parent),
      direction: 'FORWARD',
      maxDepth: 1,
      asOf: asOf.toISOString(),
    });
    const reached = response.data?.trace?.nodes.map((n) => n.lot.id) ?? [];
    expect(reached.sort()).toEqual([...bfs(lot.parent, 'FORWARD', 1, asOf).depth.keys()].sort());
    expect(later.length).toBeGreaterThan(0);
    for (const child of later) {
      if (!links.some((l) => l.parent === lot.parent && l.child === child && l.linkedAt <= asOf))
        expect(reached).not.toContain(child);
    }
  });

  it('answers null for an unknown lot and a typed error for a depth out of bounds', async () => {
    const unknown = await postGraphql(t.gatewayUrl, TRACE, {
      lotNumber: 'NO-SUCH-LOT',
      direction: 'FORWARD',
    });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ trace: null });
    for (const maxDepth of [0, 51]) {
      const bad = await postGraphql(t.gatewayUrl, TRACE, {
        lotNumber: DEMO.finishedLotNumber,
        direction: 'BACKWARD',
        maxDepth,
      });
      expect(bad.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'maxDepth',
      });
    }
  });
});

describe('recall impact on the demo plant', () => {
  const RECALL = /* GraphQL */ `
    query ($supplierLotNumber: String!) {
      recallImpact(supplierLotNumber: $supplierLotNumber) {
        sourceLots {
          number
          supplier {
            code
          }
        }
        summary {
          sourceLots
          lotsReached
          finishedLots
          orders
          truncated
        }
        finishedGoods {
          lots(first: 500) {
            nodes {
              number
            }
          }
          orders {
            number
          }
          customers {
            customer {
              code
            }
            lots {
              id
            }
          }
          shipmentSummary {
            customers
            shippedLots
          }
        }
      }
    }
  `;

  it('finds every finished lot, order and customer downstream of the DEMO supplier lot', async () => {
    const response = await postGraphql<{
      recallImpact: {
        sourceLots: { number: string; supplier: { code: string } | null }[];
        summary: {
          sourceLots: number;
          lotsReached: number;
          finishedLots: number;
          orders: number;
          truncated: boolean;
        };
        finishedGoods: {
          lots: { nodes: { number: string }[] };
          orders: { number: string }[];
          customers: { customer: { code: string }; lots: { id: string }[] }[];
          shipmentSummary: { customers: number; shippedLots: number };
        };
      };
    }>(t.gatewayUrl, RECALL, { supplierLotNumber: DEMO.supplierLotNumber });
    expect(response.errors).toBeUndefined();
    const db = t.database.handle.root;
    // Straight from the tables of genealogy and ERP.
    const finished = (
      await sql<{ id: string; number: string; order: string }>`
        with recursive down(lot_id) as (
          select lot_id from erp.batch where supplier_lot_number = ${DEMO.supplierLotNumber}
          union
          select k.child_lot_id from down d join genealogy.lot_link k on k.parent_lot_id = d.lot_id)
        select l.id, l.number, o.number as order from down d
        join genealogy.lot l on l.id = d.lot_id join erp.item i on i.id = l.item_id
        join erp.production_order o on o.id = l.order_id
        where i.type = 'FINISHED_GOOD' order by l.number`.execute(db)
    ).rows;
    const customers = (
      await sql<{ code: string; lots: number }>`
        select c.code, count(distinct sl.lot_id)::int as lots from erp.shipment_line sl
        join erp.shipment s on s.id = sl.shipment_id join erp.customer c on c.id = s.customer_id
        where sl.lot_id in (${sql.join(finished.map((f) => f.id))})
        group by c.code order by c.code`.execute(db)
    ).rows;
    const recall = response.data?.recallImpact;
    expect(recall?.sourceLots).toEqual([
      { number: DEMO.supplierLotLotNumber, supplier: { code: DEMO.supplierCode } },
    ]);
    expect(recall?.finishedGoods.lots.nodes.map((n) => n.number)).toEqual(
      finished.map((f) => f.number),
    );
    expect(recall?.finishedGoods.orders.map((o) => o.number).sort()).toEqual(
      [...new Set(finished.map((f) => f.order))].sort(),
    );
    expect(recall?.finishedGoods.customers.map((c) => [c.customer.code, c.lots.length])).toEqual(
      customers.map((c) => [c.code, c.lots]),
    );
    expect(recall?.summary).toMatchObject({
      sourceLots: 1,
      finishedLots: DEMO.finishedLotsFromSupplierLot,
      orders: new Set(finished.map((f) => f.order)).size,
      truncated: false,
    });
    expect(recall?.finishedGoods.shipmentSummary.customers).toBe(DEMO.customersFromSupplierLot);
    expect(customers.map((c) => c.code)).toContain(DEMO.finishedLotCustomerCode);
  });
});

describe('genealogy completeness on the demo plant', () => {
  const ORDER = /* GraphQL */ `
    query ($number: String!) {
      orderByNumber(number: $number) {
        genealogyCompleteness {
          complete
          score
          lines {
            component {
              number
              tracking
            }
            status
          }
          gaps {
            kind
            component {
              number
            }
            order {
              number
            }
          }
        }
      }
    }
  `;
  interface OrderCheck {
    orderByNumber: {
      genealogyCompleteness: {
        complete: boolean;
        score: number;
        lines: { component: { number: string; tracking: string }; status: string }[];
        gaps: { kind: string; component: { number: string } | null; order: { number: string } }[];
      } | null;
    } | null;
  }

  it("finds the seeded gap: the DEMO order's power cable line was never consumed", async () => {
    const response = await postGraphql<OrderCheck>(t.gatewayUrl, ORDER, {
      number: DEMO.gapOrderNumber,
    });
    expect(response.errors).toBeUndefined();
    const check = response.data?.orderByNumber?.genealogyCompleteness;
    expect(check?.complete).toBe(false);
    expect(check?.gaps).toEqual([
      {
        kind: 'LINE_NOT_CONSUMED',
        component: { number: DEMO.gapComponentNumber },
        order: { number: DEMO.gapOrderNumber },
      },
    ]);
    // Components ERP does not track by lot are listed, never a gap.
    const untracked = check?.lines.filter((l) => l.component.tracking === 'NONE') ?? [];
    expect(untracked.length).toBeGreaterThan(0);
    expect(untracked.every((l) => l.status === 'NOT_LOT_TRACKED')).toBe(true);
  });

  it("finds the DEMO finished lot's order complete", async () => {
    const response = await postGraphql<OrderCheck>(t.gatewayUrl, ORDER, {
      number: DEMO.finishedLotOrderNumber,
    });
    expect(response.data?.orderByNumber?.genealogyCompleteness).toMatchObject({
      complete: true,
      score: 1,
      gaps: [],
    });
  });

  it("gives Lyon's figure over the year, counting every finished order that made lots there", async () => {
    const from = '2026-01-01T00:00:00Z';
    const to = '2026-12-01T00:00:00Z';
    const response = await postGraphql<{
      genealogyCompleteness: {
        ordersChecked: number;
        ordersComplete: number;
        score: number;
        gaps: {
          nodes: {
            kind: string;
            order: { number: string };
            component: { number: string } | null;
          }[];
        };
      };
    }>(
      t.gatewayUrl,
      /* GraphQL */ `
        query ($plantId: ID!, $from: DateTime!, $to: DateTime!) {
          genealogyCompleteness(plantId: $plantId, from: $from, to: $to) {
            ordersChecked
            ordersComplete
            score
            gaps(first: 50) {
              nodes {
                kind
                order {
                  number
                }
                component {
                  number
                }
              }
            }
          }
        }
      `,
      { plantId: DEMO.plantLyon, from, to },
    );
    expect(response.errors).toBeUndefined();
    const { rows } = await sql<{ n: number }>`
      select count(distinct o.id)::int as n from genealogy.lot l join erp.production_order o on o.id = l.order_id
      where l.plant_id = ${DEMO.plantLyon} and l.created_at >= ${from}::timestamptz and l.created_at < ${to}::timestamptz
        and o.status in ('COMPLETED', 'CLOSED')`.execute(t.database.handle.root);
    const report = response.data?.genealogyCompleteness;
    expect(report?.ordersChecked).toBe(rows[0]?.n);
    expect(report?.gaps.nodes).toContainEqual({
      kind: 'LINE_NOT_CONSUMED',
      order: { number: DEMO.gapOrderNumber },
      component: { number: DEMO.gapComponentNumber },
    });
    expect(report?.ordersComplete).toBe(
      (report?.ordersChecked ?? 0) - new Set(report?.gaps.nodes.map((g) => g.order.number)).size,
    );
    expect(report?.score).toBeCloseTo(
      (report?.ordersComplete ?? 0) / (report?.ordersChecked ?? 1),
      4,
    );
  });
});

describe('where-used search on the demo plant', () => {
  it("finds the supplier lot's own lot, then pages an item's lots made in a month", async () => {
    const bySupplier = await postGraphql<{ lotsBySupplierLot: { nodes: { number: string }[] } }>(
      t.gatewayUrl,
      'query ($n: String!) { lotsBySupplierLot(supplierLotNumber: $n) { nodes { number } } }',
      { n: DEMO.supplierLotNumber },
    );
    expect(bySupplier.errors).toBeUndefined();
    expect(bySupplier.data?.lotsBySupplierLot.nodes).toEqual([
      { number: DEMO.supplierLotLotNumber },
    ]);

    const from = '2026-07-01T00:00:00Z';
    const before = '2026-08-01T00:00:00Z';
    const { rows } = await sql<{ number: string }>`
      select l.number from genealogy.lot l join erp.item i on i.id = l.item_id
      where i.number = ${DEMO.finishedItemNumber} and l.created_at >= ${from}::timestamptz
        and l.created_at < ${before}::timestamptz order by l.number`.execute(
      t.database.handle.root,
    );
    const item = await postGraphql<{ itemByNumber: { id: string } }>(
      t.gatewayUrl,
      'query ($n: String!) { itemByNumber(number: $n) { id } }',
      { n: DEMO.finishedItemNumber },
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response: {
        data?: {
          lots: {
            nodes: { number: string }[];
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          };
        } | null;
      } = await postGraphql(
        t.gatewayUrl,
        `query ($item: ID, $from: DateTime, $before: DateTime, $after: String) {
            lots(itemId: $item, createdFrom: $from, createdBefore: $before, first: 2, after: $after) {
              nodes { number } pageInfo { endCursor hasNextPage } } }`,
        { item: item.data?.itemByNumber.id, from, before, after },
      );
      seen.push(...(response.data?.lots.nodes.map((n) => n.number) ?? []));
      if (!response.data?.lots.pageInfo.hasNextPage) break;
      after = response.data.lots.pageInfo.endCursor;
    }
    expect(seen).toEqual(rows.map((r) => r.number));
    expect(seen.length).toBeGreaterThan(2);
  });
});

/** A proxy in front of one subgraph that counts the GraphQL requests sent to it. */
async function countingProxy(target: string, seen: string[], name: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') seen.push(name);
      fetch(target, {
        method: req.method ?? 'GET',
        headers: { 'content-type': 'application/json' },
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      })
        .then(async (response) => {
          res.statusCode = response.status;
          res.setHeader('content-type', 'application/json');
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => {
          res.statusCode = 502;
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('subgraph requests per trace', () => {
  let gateway: RunningHttpService;
  const servers: Server[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    const urls: Record<string, string> = {};
    for (const name of SUBGRAPH_NAMES) {
      const server = await countingProxy(t.stack.subgraphs[name].url, seen, name);
      servers.push(server);
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no address');
      urls[name] = `http://127.0.0.1:${address.port}/graphql`;
    }
    gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      supergraphSdl: await readFile(new URL('../supergraph.graphql', import.meta.url), 'utf8'),
      subgraphUrls: urls,
      log: createLogger('gateway', 'silent'),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function requestsFor(lotNumber: string, maxDepth: number) {
    seen.length = 0;
    const response = await postGraphql<TraceData>(gateway.url, TRACE, {
      lotNumber,
      direction: 'BACKWARD',
      maxDepth,
    });
    expect(response.errors).toBeUndefined();
    const bySubgraph: Record<string, number> = {};
    for (const name of seen) bySubgraph[name] = (bySubgraph[name] ?? 0) + 1;
    return { nodes: response.data?.trace?.nodes.length ?? 0, bySubgraph };
  }

  it('stays one per subgraph hop however many lots the trace holds', async () => {
    const small = await requestsFor(DEMO.finishedLotNumber, 1);
    const large = await requestsFor(DEMO.finishedLotNumber, 10);
    expect(large.nodes).toBeGreaterThan(small.nodes * 3);
    expect(large.bySubgraph).toEqual(small.bySubgraph);
    // One fetch per hop of the query plan: genealogy walks; quality answers the statuses; erp the
    // items, the edges' orders and (after mes named them) the producing orders.
    expect(large.bySubgraph).toEqual({ genealogy: 1, quality: 1, mes: 1, erp: 3 });
  });
});
