import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  DEMO,
  ScaleAlreadyLoadedError,
  migrateAll,
  seedScale,
  type ScaleProgress,
} from '../src/index.ts';

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
    expect(links.maxParents).toBeLessThanOrEqual(6);
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

  it('lets backward traces from the newest lots run ten or more links deep', async () => {
    const newest = await one(sql<{ id: string }>`
      select id from genealogy.lot where id like 'lot-s%' order by created_at desc, id desc limit 1`);
    const trace = await one(sql<{ depth: number }>`
      with recursive back(lot_id, depth) as (
        select ${newest.id}::text, 0
        union
        select k.parent_lot_id, b.depth + 1 from back b join genealogy.lot_link k on k.child_lot_id = b.lot_id where b.depth < 30)
      select max(depth)::int as depth from back`);
    expect(trace.depth).toBeGreaterThanOrEqual(10);
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
