import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { DEMO, DatabaseNotEmptyError, migrateAll, seedDemo } from '../src/index.ts';

const TABLES = [
  'erp.plant',
  'erp.supplier',
  'erp.item',
  'erp.item_revision',
  'erp.bom',
  'erp.bom_line',
  'erp.routing',
  'erp.routing_step',
  'erp.unit_conversion',
  'erp.production_order',
  'erp.batch',
  'mes.execution',
  'mes.operation',
  'mes.lot_production',
  'quality.inspection_plan',
  'quality.plan_characteristic',
  'quality.lot_quality',
  'quality.inspection',
  'quality.inspection_result',
  'quality.nonconformance',
  'genealogy.lot',
  'genealogy.lot_link',
];

let first: TestDatabase;
let second: TestDatabase;
let db: Kysely<RootDatabase>;

async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  const [row] = await rows(query);
  if (row === undefined) throw new Error('expected a row');
  return row;
}

async function digests(root: Kysely<RootDatabase>): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows: found } = await sql<{ n: number; digest: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as digest
      from ${sql.table(table)} as t`.execute(root);
    result[table] = `${found[0]?.n}:${found[0]?.digest}`;
  }
  return result;
}

beforeAll(async () => {
  first = await openTestDatabase();
  second = await openTestDatabase();
  await migrateAll(first.handle.root);
  await migrateAll(second.handle.root);
  await seedDemo(first.handle.root);
  await seedDemo(second.handle.root);
  db = first.handle.root;
});

afterAll(async () => {
  await first?.destroy();
  await second?.destroy();
});

describe('seedDemo', () => {
  it('writes identical rows with identical ids on two fresh databases', async () => {
    const a = await digests(first.handle.root);
    const b = await digests(second.handle.root);
    expect(b).toEqual(a);
    for (const table of TABLES) expect(Number(a[table]?.split(':')[0])).toBeGreaterThan(0);
  });

  it('refuses to load into a database that already holds data', async () => {
    await expect(seedDemo(db)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
  });

  it('holds two plants, six suppliers and twenty items with at least two engineering revisions each', async () => {
    const counts = await one(sql<{
      plants: number;
      suppliers: number;
      items: number;
      fewRevisions: number;
      drafts: number;
    }>`
      select (select count(*)::int from erp.plant where timezone <> '') as plants,
             (select count(*)::int from erp.supplier) as suppliers,
             (select count(*)::int from erp.item) as items,
             (select count(*)::int from erp.item i
               where (select count(*) from erp.item_revision r where r.item_id = i.id and r.status <> 'DRAFT') < 2) as "fewRevisions",
             (select count(*)::int from erp.item_revision where status = 'DRAFT') as drafts`);
    expect(counts).toEqual({
      plants: 2,
      suppliers: 6,
      items: 20,
      fewRevisions: 0,
      drafts: expect.any(Number),
    });
    expect(counts.drafts).toBeGreaterThanOrEqual(2);
  });

  it('gives every made item revision a BOM and a routing of three to five steps, finished goods a final inspection step', async () => {
    const problems = await rows(sql<{ id: string }>`
      select r.id from erp.item_revision r join erp.item i on i.id = r.item_id
      where i.type <> 'RAW_MATERIAL' and (
        not exists (select 1 from erp.bom b where b.item_revision_id = r.id)
        or (select count(*) from erp.routing_step s join erp.routing g on g.id = s.routing_id where g.item_revision_id = r.id) not between 3 and 5
        or (i.type = 'FINISHED_GOOD' and not exists (
              select 1 from erp.routing_step s join erp.routing g on g.id = s.routing_id
              where g.item_revision_id = r.id and s.requires_inspection
                and s.sequence = (select max(sequence) from erp.routing_step x where x.routing_id = s.routing_id))))`);
    expect(problems).toEqual([]);
    const levels = await one(sql<{ raw: number; sub: number; fg: number }>`
      select count(*) filter (where type = 'RAW_MATERIAL')::int as raw, count(*) filter (where type = 'SUBASSEMBLY')::int as sub,
             count(*) filter (where type = 'FINISHED_GOOD')::int as fg from erp.item`);
    expect(levels.raw).toBeGreaterThan(0);
    expect(levels.sub).toBeGreaterThan(0);
    expect(levels.fg).toBeGreaterThan(0);
  });

  it('writes BOM lines in other units only where the component has a conversion to its base unit', async () => {
    const lines = await rows(sql<{ uom: string; base: string; converted: boolean }>`
      select l.uom, c.base_uom as base, exists (
        select 1 from erp.unit_conversion u where u.item_id = c.id
          and ((u.from_uom = l.uom and u.to_uom = c.base_uom) or (u.from_uom = c.base_uom and u.to_uom = l.uom))) as converted
      from erp.bom_line l join erp.item c on c.id = l.component_item_id where l.uom <> c.base_uom`);
    expect(new Set(lines.map((l) => `${l.uom}->${l.base}`)).size).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => !l.converted)).toEqual([]);
  });

  it('holds 50+ orders in every status', async () => {
    const byStatus = await rows(sql<{ status: string; n: number }>`
      select status, count(*)::int as n from erp.production_order group by status order by status`);
    expect(byStatus.map((s) => s.status)).toEqual([
      'CANCELLED',
      'CLOSED',
      'COMPLETED',
      'CREATED',
      'IN_PROGRESS',
      'ON_HOLD',
      'RELEASED',
    ]);
    expect(byStatus.reduce((sum, s) => sum + s.n, 0)).toBeGreaterThanOrEqual(50);
    const range = await one(sql<{ first: Date; last: Date }>`
      select min(created_at) as first, max(created_at) as last from erp.production_order`);
    expect(range.first.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-01-05T00:00:00Z'));
    expect(range.last.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-21T00:00:00Z'));
  });

  it('pins, at release, the item revision in effect then with its BOM and routing, and pins nothing before release', async () => {
    const wrong = await rows(sql<{ number: string }>`
      select o.number from erp.production_order o
      left join lateral (
        select r.id from erp.item_revision r
        where r.item_id = o.item_id and r.status <> 'DRAFT'
          and r.effective_from <= o.released_at and (r.effective_to is null or r.effective_to > o.released_at)
        order by r.effective_from desc limit 1) expected on true
      where (o.released_at is null and (o.pinned_item_revision_id is not null or o.pinned_bom_id is not null or o.pinned_routing_id is not null))
         or (o.released_at is null and o.status not in ('CREATED', 'CANCELLED'))
         or (o.released_at is not null and (
              o.pinned_item_revision_id is distinct from expected.id
              or o.pinned_bom_id is distinct from (select id from erp.bom where item_revision_id = expected.id)
              or o.pinned_routing_id is distinct from (select id from erp.routing where item_revision_id = expected.id)))`);
    expect(wrong).toEqual([]);
    const created = await one(sql<{ n: number }>`
      select count(*)::int as n from erp.production_order where status = 'CREATED' and pinned_item_revision_id is not null`);
    expect(created.n).toBe(0);
  });

  it('pins different revisions on the orders before and after the revision change', async () => {
    const pinned = await rows(sql<{
      number: string;
      revision: string;
      item: string;
      effectiveFrom: Date;
    }>`
      select o.number, r.revision, i.number as item, b.effective_from as "effectiveFrom"
      from erp.production_order o join erp.item_revision r on r.id = o.pinned_item_revision_id
      join erp.item i on i.id = o.item_id
      join erp.item_revision b on b.item_id = i.id and b.revision = ${DEMO.revisionAfter}
      where o.number in (${DEMO.orderPinnedBeforeChange}, ${DEMO.orderPinnedAfterChange}) order by o.number`);
    expect(pinned.map((p) => [p.number, p.revision, p.item])).toEqual([
      [DEMO.orderPinnedBeforeChange, DEMO.revisionBefore, DEMO.revisionChangeItemNumber],
      [DEMO.orderPinnedAfterChange, DEMO.revisionAfter, DEMO.revisionChangeItemNumber],
    ]);
    expect(pinned[0]?.effectiveFrom.toISOString()).toBe(DEMO.revisionChangeDate);
    expect(Date.parse(DEMO.dateBetweenRevisions)).toBeLessThan(Date.parse(DEMO.revisionChangeDate));
  });

  it('traces the DEMO finished lot back at least four levels to the DEMO supplier lot', async () => {
    const trace = await rows(sql<{ depth: number; supplierLot: string | null; itemType: string }>`
      with recursive back(lot_id, depth) as (
        select id, 1 from genealogy.lot where number = ${DEMO.finishedLotNumber}
        union
        select l.parent_lot_id, b.depth + 1 from back b join genealogy.lot_link l on l.child_lot_id = b.lot_id where b.depth < 50)
      select b.depth, t.supplier_lot_number as "supplierLot", i.type as "itemType"
      from back b join genealogy.lot g on g.id = b.lot_id join erp.batch t on t.lot_id = g.id join erp.item i on i.id = g.item_id`);
    const depth = Math.max(...trace.map((t) => t.depth));
    expect(depth).toBeGreaterThanOrEqual(4);
    expect(depth).toBe(DEMO.finishedLotBackwardDepth);
    expect(
      trace.filter((t) => t.supplierLot === DEMO.supplierLotNumber).map((t) => t.itemType),
    ).toContain('RAW_MATERIAL');
    const lot = await one(sql<{ item: string; order: string; inspections: number }>`
      select i.number as item, o.number as order,
        (select count(*)::int from quality.inspection s where s.lot_id = l.id
           and exists (select 1 from quality.inspection_result r where r.inspection_id = s.id)) as inspections
      from genealogy.lot l join erp.item i on i.id = l.item_id join erp.production_order o on o.id = l.order_id
      where l.number = ${DEMO.finishedLotNumber}`);
    expect(lot).toEqual({
      item: DEMO.finishedItemNumber,
      order: DEMO.finishedLotOrderNumber,
      inspections: expect.any(Number),
    });
    expect(lot.inspections).toBeGreaterThanOrEqual(1);
  });

  it('reaches several finished lots forward from the DEMO supplier lot', async () => {
    const reached = await one(sql<{ supplier: string; finished: number }>`
      with recursive fwd(lot_id) as (
        select b.lot_id from erp.batch b where b.supplier_lot_number = ${DEMO.supplierLotNumber}
        union
        select k.child_lot_id from fwd f join genealogy.lot_link k on k.parent_lot_id = f.lot_id)
      select (select s.code from erp.batch b join erp.supplier s on s.id = b.supplier_id
                where b.supplier_lot_number = ${DEMO.supplierLotNumber}) as supplier,
             count(*) filter (where i.type = 'FINISHED_GOOD')::int as finished
      from fwd f join genealogy.lot l on l.id = f.lot_id join erp.item i on i.id = l.item_id`);
    expect(reached.supplier).toBe(DEMO.supplierCode);
    expect(reached.finished).toBeGreaterThanOrEqual(3);
    expect(reached.finished).toBe(DEMO.finishedLotsFromSupplierLot);
  });

  it('links lots from earlier to later, with fan-in and fan-out, in chains up to five lots deep', async () => {
    const shape = await one(sql<{
      backwards: number;
      fanIn: number;
      fanOut: number;
      deepest: number;
    }>`
      with recursive depth(lot_id, d) as (
        select id, 1 from genealogy.lot where origin = 'PURCHASED'
        union
        select l.child_lot_id, depth.d + 1 from depth join genealogy.lot_link l on l.parent_lot_id = depth.lot_id where depth.d < 20)
      select
        (select count(*)::int from genealogy.lot_link k join genealogy.lot p on p.id = k.parent_lot_id
           join genealogy.lot c on c.id = k.child_lot_id where p.created_at > c.created_at) as backwards,
        (select count(*)::int from (select k.child_lot_id from genealogy.lot_link k join genealogy.lot p on p.id = k.parent_lot_id
           group by k.child_lot_id, p.item_id having count(*) >= 2) x) as "fanIn",
        (select count(*)::int from (select parent_lot_id from genealogy.lot_link group by parent_lot_id having count(*) >= 3) x) as "fanOut",
        (select max(d)::int from depth) as deepest`);
    expect(shape.backwards).toBe(0);
    expect(shape.fanIn).toBeGreaterThan(0);
    expect(shape.fanOut).toBeGreaterThan(10);
    expect(shape.deepest).toBeGreaterThanOrEqual(5);
  });

  it('gives every lot a batch and a quality status, and refers only to orders that exist', async () => {
    const orphans = await one(sql<Record<string, number>>`
      select
        (select count(*)::int from genealogy.lot l where not exists (select 1 from erp.batch b where b.lot_id = l.id)) as "lotWithoutBatch",
        (select count(*)::int from erp.batch b where not exists (select 1 from genealogy.lot l where l.id = b.lot_id)) as "batchWithoutLot",
        (select count(*)::int from genealogy.lot l where not exists (select 1 from quality.lot_quality q where q.lot_id = l.id)) as "lotWithoutQuality",
        (select count(*)::int from genealogy.lot l where (l.origin = 'PRODUCED') <> (l.order_id is not null)) as "originMismatch",
        (select count(*)::int from genealogy.lot l where l.order_id is not null and not exists (
           select 1 from mes.lot_production p where p.lot_id = l.id and p.order_id = l.order_id)) as "producedWithoutMes",
        (select count(*)::int from genealogy.lot l where l.origin = 'PURCHASED' and not exists (
           select 1 from erp.batch b where b.lot_id = l.id and b.supplier_id is not null and b.supplier_lot_number is not null)) as "purchasedWithoutSupplier",
        (select count(*)::int from (
           select order_id from genealogy.lot union all select order_id from genealogy.lot_link
           union all select order_id from quality.inspection union all select order_id from mes.execution
           union all select order_id from mes.lot_production) r
         where r.order_id is not null and not exists (select 1 from erp.production_order o where o.id = r.order_id)) as "unknownOrders",
        (select count(*)::int from (
           select lot_id from quality.inspection union all select lot_id from quality.nonconformance
           union all select lot_id from quality.lot_quality union all select lot_id from mes.lot_production) r
         where not exists (select 1 from genealogy.lot l where l.id = r.lot_id)) as "unknownLots"`);
    expect(orphans).toEqual({
      lotWithoutBatch: 0,
      batchWithoutLot: 0,
      lotWithoutQuality: 0,
      originMismatch: 0,
      producedWithoutMes: 0,
      purchasedWithoutSupplier: 0,
      unknownOrders: 0,
      unknownLots: 0,
    });
  });

  it('runs each released order along its pinned routing, with execution matching the order status', async () => {
    const mismatched = await rows(sql<{ number: string }>`
      select o.number from erp.production_order o
      where o.released_at is not null and (
        (select array_agg(s.sequence::text || s.operation_code order by s.sequence) from erp.routing_step s where s.routing_id = o.pinned_routing_id)
        is distinct from
        (select array_agg(p.sequence::text || p.operation_code order by p.sequence) from mes.operation p where p.order_id = o.id))`);
    expect(mismatched).toEqual([]);
    const inconsistent = await rows(sql<{
      number: string;
      status: string;
      execution: string | null;
    }>`
      select o.number, o.status, e.status as execution from erp.production_order o
      left join mes.execution e on e.order_id = o.id
      where not (
        (o.status = 'CREATED' and e.order_id is null)
        or (o.status = 'CANCELLED' and (e.order_id is null or e.status = 'NOT_STARTED'))
        or (o.status = 'RELEASED' and e.status = 'NOT_STARTED'
            and not exists (select 1 from mes.operation p where p.order_id = o.id and p.status <> 'PENDING'))
        or (o.status in ('IN_PROGRESS', 'ON_HOLD') and e.status = 'IN_PROGRESS')
        or (o.status in ('COMPLETED', 'CLOSED') and e.status = 'COMPLETED'
            and not exists (select 1 from mes.operation p where p.order_id = o.id and p.status <> 'COMPLETED')
            and e.good_quantity = (select sum(l.quantity) from genealogy.lot l where l.order_id = o.id)
            and e.good_quantity + e.scrap_quantity = o.planned_quantity))`);
    expect(inconsistent).toEqual([]);
  });

  it('judges every inspection result against its plan limits, and the inspection by its results', async () => {
    const wrongVerdicts = await one(sql<{ n: number; results: number }>`
      select count(*) filter (where r.verdict <> case
          when (c.lower_limit is not null and r.measured < c.lower_limit) or (c.upper_limit is not null and r.measured > c.upper_limit)
          then 'FAIL' else 'PASS' end)::int as n,
        count(*)::int as results
      from quality.inspection_result r join quality.inspection i on i.id = r.inspection_id
      join quality.plan_characteristic c on c.plan_id = i.plan_id and c.code = r.characteristic_code`);
    const allResults = await one(
      sql<{ n: number }>`select count(*)::int as n from quality.inspection_result`,
    );
    expect(wrongVerdicts.n).toBe(0);
    expect(wrongVerdicts.results).toBe(allResults.n);
    const statuses = await rows(sql<{
      status: string;
      n: number;
      withFail: number;
      withoutResults: number;
    }>`
      select i.status, count(*)::int as n,
        count(*) filter (where exists (select 1 from quality.inspection_result r where r.inspection_id = i.id and r.verdict = 'FAIL'))::int as "withFail",
        count(*) filter (where not exists (select 1 from quality.inspection_result r where r.inspection_id = i.id))::int as "withoutResults"
      from quality.inspection i group by i.status order by i.status`);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s]));
    expect(byStatus.PASSED?.withFail).toBe(0);
    expect(byStatus.PASSED?.withoutResults).toBe(0);
    expect(byStatus.FAILED?.n).toBeGreaterThan(0);
    expect(byStatus.FAILED?.withFail).toBe(byStatus.FAILED?.n);
  });

  it('puts a failed lot on hold with an open nonconformance, and dispositions the older ones', async () => {
    const held = await one(sql<{
      status: string;
      inspection: string;
      inspectionStatus: string;
      nc: string;
      ncStatus: string;
    }>`
      select q.status, i.number as inspection, i.status as "inspectionStatus", n.number as nc, n.status as "ncStatus"
      from genealogy.lot l join quality.lot_quality q on q.lot_id = l.id
      join quality.nonconformance n on n.lot_id = l.id join quality.inspection i on i.id = n.inspection_id
      where l.number = ${DEMO.heldLotNumber}`);
    expect(held).toEqual({
      status: 'ON_HOLD',
      inspection: DEMO.heldLotInspectionNumber,
      inspectionStatus: 'FAILED',
      nc: DEMO.heldLotNonconformanceNumber,
      ncStatus: 'OPEN',
    });
    const rules = await one(sql<Record<string, number>>`
      select
        (select count(*)::int from quality.inspection i where i.status = 'FAILED'
           and not exists (select 1 from quality.nonconformance n where n.inspection_id = i.id)) as "failedWithoutNc",
        (select count(*)::int from quality.nonconformance n join quality.lot_quality q on q.lot_id = n.lot_id
           where n.status = 'OPEN' and q.status <> 'ON_HOLD') as "openNotHeld",
        (select count(*)::int from quality.nonconformance where (status = 'OPEN') <> (disposition is null)) as "dispositionMismatch",
        (select count(*)::int from genealogy.lot_link k join quality.lot_quality q on q.lot_id = k.parent_lot_id
           where q.status in ('ON_HOLD', 'REJECTED') and k.linked_at > q.changed_at) as "blockedConsumed"`);
    expect(rules).toEqual({
      failedWithoutNc: 0,
      openNotHeld: 0,
      dispositionMismatch: 0,
      blockedConsumed: 0,
    });
    const statuses = await rows(sql<{ status: string }>`
      select distinct status from quality.nonconformance order by status`);
    expect(statuses.map((s) => s.status)).toEqual(['CLOSED', 'DISPOSITIONED', 'OPEN']);
    const lotStatuses = await rows(sql<{ status: string; n: number }>`
      select status, count(*)::int as n from quality.lot_quality group by status order by n desc`);
    expect(lotStatuses[0]?.status).toBe('RELEASED');
    expect(lotStatuses.map((s) => s.status).sort()).toEqual([
      'ON_HOLD',
      'QUARANTINE',
      'REJECTED',
      'RELEASED',
    ]);
    const rejected = await one(sql<{ status: string; disposition: string }>`
      select q.status, n.disposition from genealogy.lot l join quality.lot_quality q on q.lot_id = l.id
      join quality.nonconformance n on n.lot_id = l.id where l.number = ${DEMO.rejectedLotNumber}`);
    expect(rejected).toEqual({ status: 'REJECTED', disposition: 'RETURN_TO_SUPPLIER' });
  });

  it('keeps inspection plans effective-dated with the item revisions, with a plan revision change within one', async () => {
    const plans = await one(sql<{
      withoutPlan: number;
      outsideRevision: number;
      changes: number;
      receivingOnMade: number;
    }>`
      select
        (select count(*)::int from erp.item_revision r where not exists (
           select 1 from quality.inspection_plan p where p.item_revision_id = r.id)) as "withoutPlan",
        (select count(*)::int from quality.inspection_plan p join erp.item_revision r on r.id = p.item_revision_id
           where p.effective_from < r.effective_from
              or (r.effective_to is not null and (p.effective_to is null or p.effective_to > r.effective_to))) as "outsideRevision",
        (select count(*)::int from (select item_revision_id, type from quality.inspection_plan
           group by item_revision_id, type having count(*) > 1) x) as changes,
        (select count(*)::int from quality.inspection_plan p join erp.item i on i.id = p.item_id
           where (i.type = 'RAW_MATERIAL') <> (p.type = 'RECEIVING')) as "receivingOnMade"`);
    expect(plans.withoutPlan).toBe(0);
    expect(plans.outsideRevision).toBe(0);
    expect(plans.changes).toBeGreaterThanOrEqual(1);
    expect(plans.receivingOnMade).toBe(0);
  });

  it('seeds the genealogy gap: one lot-tracked BOM line of the DEMO order was never consumed', async () => {
    const missing = await rows(sql<{ component: string }>`
      select c.number as component from erp.production_order o
      join erp.bom_line b on b.bom_id = o.pinned_bom_id join erp.item c on c.id = b.component_item_id
      where o.number = ${DEMO.gapOrderNumber} and c.tracking = 'LOT' and not exists (
        select 1 from genealogy.lot_link k join genealogy.lot p on p.id = k.parent_lot_id
        where k.order_id = o.id and p.item_id = c.id)`);
    expect(missing.map((m) => m.component)).toEqual([DEMO.gapComponentNumber]);
    const status = await one(sql<{ status: string; lots: number }>`
      select o.status, (select count(*)::int from genealogy.lot l where l.order_id = o.id) as lots
      from erp.production_order o where o.number = ${DEMO.gapOrderNumber}`);
    expect(status.status).toBe('COMPLETED');
    expect(status.lots).toBeGreaterThan(0);
  });

  it('has the DEMO orders in the statuses their examples need', async () => {
    const statuses = await rows(sql<{ number: string; status: string }>`
      select number, status from erp.production_order
      where number in (${DEMO.createdOrderNumber}, ${DEMO.releasedOrderNumber}, ${DEMO.inProgressOrderNumber},
                       ${DEMO.heldLotOrderNumber}, ${DEMO.finishedLotOrderNumber})`);
    expect(Object.fromEntries(statuses.map((s) => [s.number, s.status]))).toEqual({
      [DEMO.createdOrderNumber]: 'CREATED',
      [DEMO.releasedOrderNumber]: 'RELEASED',
      [DEMO.inProgressOrderNumber]: 'IN_PROGRESS',
      [DEMO.heldLotOrderNumber]: 'ON_HOLD',
      [DEMO.finishedLotOrderNumber]: 'CLOSED',
    });
  });
});
