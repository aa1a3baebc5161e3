import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { DEMO, SEED_NOW, migrateAll, seedDemo, seedScale } from '../src/index.ts';

let database: TestDatabase;
let db: Kysely<RootDatabase>;

async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  const [row] = await rows(query);
  if (row === undefined) throw new Error('expected a row');
  return row;
}

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.handle.root;
  await migrateAll(db);
  await seedDemo(db);
}, 120_000);

afterAll(async () => {
  await database?.destroy();
});

describe('demo shipments', () => {
  it('ship only finished lots, whole, from the plant that made them, after they were made', async () => {
    const problems = await one(sql<Record<string, number>>`
      select
        (select count(*)::int from erp.shipment_line sl join genealogy.lot l on l.id = sl.lot_id
           join erp.item i on i.id = l.item_id where i.type <> 'FINISHED_GOOD') as "notFinished",
        (select count(*)::int from erp.shipment_line sl where not exists (
           select 1 from genealogy.lot l where l.id = sl.lot_id)) as "unknownLot",
        (select count(*)::int from (select sl.lot_id from erp.shipment_line sl join genealogy.lot l on l.id = sl.lot_id
           group by sl.lot_id, l.quantity having sum(sl.quantity) <> l.quantity) x) as "notWhole",
        (select count(*)::int from erp.shipment_line sl join erp.shipment s on s.id = sl.shipment_id
           join genealogy.lot l on l.id = sl.lot_id
           where s.plant_id <> l.plant_id or s.shipped_at < l.created_at or s.shipped_at > ${new Date(SEED_NOW)}) as "outOfPlace",
        (select count(*)::int from erp.shipment_line sl join erp.batch b on b.lot_id = sl.lot_id
           where b.stock_quantity > 0) as "stillInStock",
        (select count(*)::int from erp.shipment_line sl join quality.lot_quality q on q.lot_id = sl.lot_id
           where q.status <> 'RELEASED') as "notReleased"`);
    expect(problems).toEqual({
      notFinished: 0,
      unknownLot: 0,
      notWhole: 0,
      outOfPlace: 0,
      stillInStock: 0,
      notReleased: 0,
    });
  });

  it('ship most finished lots, to several customers, some in two parts', async () => {
    const shape = await one(sql<{
      shippedLots: number;
      finishedLots: number;
      customers: number;
      split: number;
    }>`
      select
        (select count(distinct lot_id)::int from erp.shipment_line) as "shippedLots",
        (select count(*)::int from genealogy.lot l join erp.item i on i.id = l.item_id
           where i.type = 'FINISHED_GOOD') as "finishedLots",
        (select count(distinct customer_id)::int from erp.shipment) as customers,
        (select count(*)::int from (select sl.lot_id from erp.shipment_line sl join erp.shipment s on s.id = sl.shipment_id
           group by sl.lot_id having count(distinct s.customer_id) > 1) x) as split`);
    expect(shape.shippedLots / shape.finishedLots).toBeGreaterThan(0.7);
    expect(shape.customers).toBeGreaterThanOrEqual(5);
    expect(shape.split).toBeGreaterThan(0);
  });

  it('hold the DEMO shipping facts', async () => {
    const finished = await rows(sql<{ shipment: string; customer: string; name: string }>`
      select s.number as shipment, c.code as customer, c.name from erp.shipment_line sl
      join erp.shipment s on s.id = sl.shipment_id join erp.customer c on c.id = s.customer_id
      join genealogy.lot l on l.id = sl.lot_id where l.number = ${DEMO.finishedLotNumber}`);
    expect(finished).toEqual([
      {
        shipment: DEMO.finishedLotShipmentNumber,
        customer: DEMO.finishedLotCustomerCode,
        name: DEMO.finishedLotCustomerName,
      },
    ]);
    const split = await one(sql<{ customers: number }>`
      select count(distinct s.customer_id)::int as customers from erp.shipment_line sl
      join erp.shipment s on s.id = sl.shipment_id join genealogy.lot l on l.id = sl.lot_id
      where l.number = ${DEMO.splitShipmentLotNumber}`);
    expect(split.customers).toBe(2);
    const recalled = await one(sql<{ customers: number }>`
      with recursive down(lot_id) as (
        select lot_id from erp.batch where supplier_lot_number = ${DEMO.supplierLotNumber}
        union
        select k.child_lot_id from down d join genealogy.lot_link k on k.parent_lot_id = d.lot_id)
      select count(distinct s.customer_id)::int as customers from down d
      join erp.shipment_line sl on sl.lot_id = d.lot_id join erp.shipment s on s.id = sl.shipment_id`);
    expect(recalled.customers).toBe(DEMO.customersFromSupplierLot);
  });
});

describe('scale shipments', () => {
  it('ship about four in five finished scale lots, whole, up to four lots a shipment', async () => {
    const summary = await seedScale(db, { lots: 4000, seed: 3 });
    const shape = await one(sql<{
      finished: number;
      shipped: number;
      notWhole: number;
      notFinished: number;
      biggest: number;
      shipments: number;
    }>`
      select
        (select count(*)::int from genealogy.lot l join erp.item i on i.id = l.item_id
           where l.id like 'lot-s%' and i.type = 'FINISHED_GOOD') as finished,
        (select count(distinct sl.lot_id)::int from erp.shipment_line sl where sl.lot_id like 'lot-s%') as shipped,
        (select count(*)::int from erp.shipment_line sl join genealogy.lot l on l.id = sl.lot_id
           where l.id like 'lot-s%' and sl.quantity <> l.quantity) as "notWhole",
        (select count(*)::int from erp.shipment_line sl join genealogy.lot l on l.id = sl.lot_id
           join erp.item i on i.id = l.item_id where l.id like 'lot-s%' and i.type <> 'FINISHED_GOOD') as "notFinished",
        (select max(n)::int from (select count(*) as n from erp.shipment_line where lot_id like 'lot-s%'
           group by shipment_id) x) as biggest,
        (select count(*)::int from erp.shipment where id like 'shipment-s%') as shipments`);
    // Pumps and kits are about an eighth of the lots: the BOM levels below them make the rest.
    expect(shape.finished).toBeGreaterThan(4000 * 0.1);
    expect(shape.finished).toBeLessThan(4000 * 0.2);
    expect(shape.shipped / shape.finished).toBeGreaterThan(0.7);
    expect(shape.shipped / shape.finished).toBeLessThan(0.9);
    expect(shape.notWhole).toBe(0);
    expect(shape.notFinished).toBe(0);
    expect(shape.biggest).toBeLessThanOrEqual(4);
    expect(summary.shipments).toBe(shape.shipments);
  });
});
