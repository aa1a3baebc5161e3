import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { startStack, type RunningStack } from '@plantgraph/stack';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import {
  DEMO,
  HISTORY_START,
  SEED_NOW,
  ScaleAlreadyLoadedError,
  migrateAll,
  scaleIds,
  seedScale,
  type ScaleProgress,
} from '../src/index.ts';
import { ScaleConsumption } from '../src/scale-consumption.ts';
import { ScaleLayout } from '../src/scale-layout.ts';

const LOTS = 20_000;
let database: TestDatabase;
let db: Kysely<RootDatabase>;
const progress: ScaleProgress[] = [];

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  const { rows } = await query.execute(db);
  if (rows[0] === undefined) throw new Error('expected a row');
  return rows[0];
}

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.handle.root;
  await migrateAll(db);
  await seedScale(db, { lots: LOTS, seed: 7, onProgress: (p) => progress.push(p) });
}, 120_000);

afterAll(async () => {
  await database?.destroy();
});

describe('seedScale', () => {
  it('adds exactly the lots asked for, on top of the demo, reporting progress per chunk', async () => {
    const counts = await one(sql<{ scale: number; demo: number }>`
      select count(*) filter (where id like 'lot-s%')::int as scale, count(*) filter (where id not like 'lot-s%')::int as demo
      from genealogy.lot`);
    expect(counts.scale).toBe(LOTS);
    expect(counts.demo).toBeGreaterThan(0);
    const demoLot = await one(
      sql<{
        n: number;
      }>`select count(*)::int as n from genealogy.lot where number = ${DEMO.finishedLotNumber}`,
    );
    expect(demoLot.n).toBe(1);
    expect(progress.map((p) => p.lotsWritten)).toEqual([10_000, 20_000]);
    expect(progress.at(-1)?.lotsTotal).toBe(LOTS);
  });

  it('links each lot about three times', async () => {
    const links = await one(sql<{ n: number; children: number; maxParents: number }>`
      select count(*)::int as n, count(distinct child_lot_id)::int as children,
        (select max(c)::int from (select count(*) as c from genealogy.lot_link where id like 'link-s%' group by child_lot_id) x) as "maxParents"
      from genealogy.lot_link where id like 'link-s%'`);
    expect(links.n / LOTS).toBeGreaterThan(2.5);
    expect(links.n / LOTS).toBeLessThan(3.5);
    // One to three lots for each of at most three lot-tracked BOM lines.
    expect(links.maxParents).toBeLessThanOrEqual(9);
    const fanOut = await one(sql<{ parents: number; maxChildren: number }>`
      select count(*)::int as parents, max(c)::int as "maxChildren"
      from (select parent_lot_id, count(*) as c from genealogy.lot_link where id like 'link-s%' group by parent_lot_id) x`);
    expect(fanOut.maxChildren).toBeGreaterThan(3);
  });

  it('links only from earlier lots to later ones, so the graph has no cycles', async () => {
    const backwards = await one(sql<{ n: number; selfLinks: number; foreign: number }>`
      select count(*) filter (where p.created_at >= c.created_at)::int as n,
             count(*) filter (where p.id = c.id)::int as "selfLinks",
             count(*) filter (where p.id not like 'lot-s%')::int as foreign
      from genealogy.lot_link k join genealogy.lot p on p.id = k.parent_lot_id join genealogy.lot c on c.id = k.child_lot_id
      where k.id like 'link-s%'`);
    expect(backwards).toEqual({ n: 0, selfLinks: 0, foreign: 0 });
  });

  it("links only components of the BOM the child's order pinned, in their base unit", async () => {
    const stray = await one(sql<{ offBom: number; wrongUnit: number }>`
      select
        count(*) filter (where not exists (
          select 1 from erp.bom_line b
          where b.bom_id = o.pinned_bom_id and b.component_item_id = p.item_id))::int as "offBom",
        count(*) filter (where k.uom <> i.base_uom)::int as "wrongUnit"
      from genealogy.lot_link k
      join genealogy.lot c on c.id = k.child_lot_id
      join genealogy.lot p on p.id = k.parent_lot_id
      join erp.item i on i.id = p.item_id
      join erp.production_order o on o.id = c.order_id
      where k.id like 'link-s%'`);
    expect(stray).toEqual({ offBom: 0, wrongUnit: 0 });
  });

  it('lets backward traces from pumps run as deep as the BOM: four links down to raw material', async () => {
    const trace = await one(sql<{ depth: number; lots: number }>`
      with recursive back(start, lot_id, depth) as (
        select id, id, 0 from (
          select id from genealogy.lot
          where id like 'lot-s%' and item_id = 'item-fg-pump-100' order by id limit 20) pumps
        union
        select b.start, k.parent_lot_id, b.depth + 1
        from back b join genealogy.lot_link k on k.child_lot_id = b.lot_id where b.depth < 30)
      select max(depth)::int as depth, count(distinct start)::int as lots from back`);
    expect(trace).toEqual({ depth: 4, lots: 20 });
  });

  it('writes a batch and a quality status for every lot, and production records for produced ones', async () => {
    const missing = await one(sql<Record<string, number>>`
      select
        count(*) filter (where b.lot_id is null)::int as "withoutBatch",
        count(*) filter (where q.lot_id is null)::int as "withoutQuality",
        count(*) filter (where l.origin = 'PRODUCED' and (p.lot_id is null or p.order_id <> l.order_id))::int as "withoutProduction",
        count(*) filter (where l.origin = 'PURCHASED' and (b.supplier_id is null or b.supplier_lot_number is null))::int as "withoutSupplier",
        count(*) filter (where l.order_id is not null and o.id is null)::int as "unknownOrder"
      from genealogy.lot l
      left join erp.batch b on b.lot_id = l.id
      left join quality.lot_quality q on q.lot_id = l.id
      left join mes.lot_production p on p.lot_id = l.id
      left join erp.production_order o on o.id = l.order_id
      where l.id like 'lot-s%'`);
    expect(missing).toEqual({
      withoutBatch: 0,
      withoutQuality: 0,
      withoutProduction: 0,
      withoutSupplier: 0,
      unknownOrder: 0,
    });
  });

  it('makes the produced lots in a few thousand orders pinned to the revision in effect at release', async () => {
    const orders = await one(sql<{ n: number; wrongPin: number; withoutOperations: number }>`
      select count(*)::int as n,
        count(*) filter (where o.pinned_item_revision_id is distinct from (
          select r.id from erp.item_revision r where r.item_id = o.item_id and r.status <> 'DRAFT'
            and r.effective_from <= o.released_at and (r.effective_to is null or r.effective_to > o.released_at)
          order by r.effective_from desc limit 1))::int as "wrongPin",
        count(*) filter (where not exists (select 1 from mes.operation p where p.order_id = o.id))::int as "withoutOperations"
      from erp.production_order o where o.id like 'order-s%'`);
    expect(orders.n).toBeGreaterThan(1000);
    expect(orders.n).toBeLessThan(5000);
    expect(orders.wrongPin).toBe(0);
    expect(orders.withoutOperations).toBe(0);
  });

  it('refuses to load the scale dataset twice', async () => {
    await expect(seedScale(db, { lots: 100 })).rejects.toBeInstanceOf(ScaleAlreadyLoadedError);
  });

  it('rejects a lot count out of range', async () => {
    await expect(seedScale(db, { lots: 1_000_001 })).rejects.toThrow(RangeError);
    await expect(seedScale(db, { lots: 12.5 })).rejects.toThrow(RangeError);
  });
});

describe('genealogy completeness on the scale dataset, through the gateway', () => {
  let stack: RunningStack;
  const layout = new ScaleLayout(LOTS, 7);
  const consumption = new ScaleConsumption(layout);
  /** The scale orders the seeder recorded wrongly on purpose: kind and component, by order id. */
  const planned = new Map<string, { kind: string; componentId: string }>();
  for (let o = 0; o < layout.orders; o += 1) {
    const gap = consumption.plan(o).gap;
    if (gap) planned.set(scaleIds.order(o), { kind: gap.kind, componentId: gap.componentId });
  }

  beforeAll(async () => {
    stack = await startStack({
      host: '127.0.0.1',
      ports: { gateway: 0, erp: 0, mes: 0, quality: 0, genealogy: 0 },
      database: database.handle,
      logLevel: 'silent',
      supergraphPath: fileURLToPath(new URL('../../../supergraph.graphql', import.meta.url)),
      seedDemo: false,
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  interface Report {
    ordersChecked: number;
    ordersComplete: number;
    score: number;
    lineScore: number;
    gaps: {
      nodes: { kind: string; order: { id: string }; component: { id: string } | null }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  }

  async function report(plantId: string, after: string | null): Promise<Report> {
    const response = await postGraphql<{ genealogyCompleteness: Report }>(
      stack.gateway.url,
      /* GraphQL */ `
        query ($plantId: ID!, $from: DateTime!, $to: DateTime!, $after: String) {
          genealogyCompleteness(plantId: $plantId, from: $from, to: $to) {
            ordersChecked
            ordersComplete
            score
            lineScore
            gaps(first: 500, after: $after) {
              nodes {
                kind
                order {
                  id
                }
                component {
                  id
                }
              }
              pageInfo {
                endCursor
                hasNextPage
              }
            }
          }
        }
      `,
      {
        plantId,
        from: new Date(HISTORY_START - 86_400_000).toISOString(),
        to: new Date(SEED_NOW + 86_400_000).toISOString(),
        after,
      },
    );
    expect(response.errors).toBeUndefined();
    const found = response.data?.genealogyCompleteness;
    if (!found) throw new Error('no completeness report');
    return found;
  }

  it('scores both plants high but not perfect, with exactly the gaps the seeder planted', async () => {
    const gaps = new Map<string, { kind: string; componentId: string }>();
    let checked = 0;
    for (const plantId of [DEMO.plantLyon, DEMO.plantMonterrey]) {
      let after: string | null = null;
      for (;;) {
        const page: Report = await report(plantId, after);
        expect(page.score).toBeGreaterThan(0.9);
        expect(page.score).toBeLessThan(1);
        expect(page.lineScore).toBeGreaterThan(0.95);
        for (const gap of page.gaps.nodes) {
          if (!gap.order.id.startsWith('order-s')) continue;
          expect(gaps.has(gap.order.id)).toBe(false);
          gaps.set(gap.order.id, { kind: gap.kind, componentId: gap.component?.id ?? '' });
        }
        if (after === null) checked += page.ordersChecked;
        if (!page.gaps.pageInfo.hasNextPage) break;
        after = page.gaps.pageInfo.endCursor;
      }
    }
    expect(checked).toBeGreaterThan(layout.orders);
    expect(planned.size).toBeGreaterThan(layout.orders * 0.02);
    expect(planned.size).toBeLessThan(layout.orders * 0.08);
    expect(gaps).toEqual(planned);
  });

  it("balances a sound order's consumption with its BOM and names the line a flawed one got wrong", async () => {
    const query = /* GraphQL */ `
      query ($number: String!) {
        orderByNumber(number: $number) {
          genealogyCompleteness {
            complete
            score
            lines {
              component {
                id
              }
              status
            }
            gaps {
              kind
            }
          }
        }
      }
    `;
    interface Check {
      orderByNumber: {
        genealogyCompleteness: {
          complete: boolean;
          score: number;
          lines: { component: { id: string }; status: string }[];
          gaps: { kind: string }[];
        } | null;
      } | null;
    }
    const sound = Array.from({ length: layout.orders }, (_, o) => o).find(
      (o) => consumption.plan(o).gap === null && consumption.plan(o).lines.length >= 2,
    );
    const flawed = Array.from({ length: layout.orders }, (_, o) => o).find(
      (o) => consumption.plan(o).gap?.kind === 'UNDER_CONSUMED',
    );
    if (sound === undefined || flawed === undefined) throw new Error('no orders to check');

    const good = await postGraphql<Check>(stack.gateway.url, query, {
      number: scaleIds.orderNumber(sound),
    });
    expect(good.errors).toBeUndefined();
    const goodCheck = good.data?.orderByNumber?.genealogyCompleteness;
    expect(goodCheck?.complete).toBe(true);
    expect(goodCheck?.score).toBe(1);
    expect(goodCheck?.lines.filter((l) => l.status === 'WITHIN_TOLERANCE').length).toBe(
      consumption.plan(sound).lines.length,
    );

    const bad = await postGraphql<Check>(stack.gateway.url, query, {
      number: scaleIds.orderNumber(flawed),
    });
    const badCheck = bad.data?.orderByNumber?.genealogyCompleteness;
    expect(badCheck?.complete).toBe(false);
    expect(badCheck?.gaps).toEqual([{ kind: 'UNDER_CONSUMED' }]);
    expect(
      badCheck?.lines.find((l) => l.component.id === consumption.plan(flawed).gap?.componentId)
        ?.status,
    ).toBe('UNDER_CONSUMED');
  });
});
