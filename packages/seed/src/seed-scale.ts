import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { erpDb } from '../../../subgraphs/erp/src/db/erp-db.ts';
import type { NewProductionOrderRow } from '../../../subgraphs/erp/src/db/tables/production-order.ts';
import { genealogyDb } from '../../../subgraphs/genealogy/src/db/genealogy-db.ts';
import { mesDb } from '../../../subgraphs/mes/src/db/mes-db.ts';
import type { NewExecutionRow } from '../../../subgraphs/mes/src/db/tables/execution.ts';
import type { NewOperationRow } from '../../../subgraphs/mes/src/db/tables/operation.ts';
import { SEED_NOW, addDays, isoDate, yearMonth } from './clock.ts';
import { ITEMS, SUPPLIERS } from './catalog.ts';
import { isEmpty } from './migrate-all.ts';
import { revisionAt } from './production.ts';
import { createRandom } from './random.ts';
import { ScaleConsumption } from './scale-consumption.ts';
import { SCALE_MAX_LOTS, SCALE_MIN_LOTS, ScaleLayout } from './scale-layout.ts';
import { ids } from './identifiers.ts';
import { seedDemo } from './seed-demo.ts';
import { ensureCustomers, scaleShipments, writeScaleShipments } from './scale-shipments.ts';

/** Options of `seedScale`. */
export interface ScaleOptions {
  /** Lots to add, from 100 to 1,000,000. */
  readonly lots: number;
  /** Seed of the pseudo-random choices (default 1): the same seed gives the same dataset. */
  readonly seed?: number;
  /** Called after each chunk of lots is written. */
  readonly onProgress?: (progress: ScaleProgress) => void;
}

export interface ScaleProgress {
  readonly lotsWritten: number;
  readonly lotsTotal: number;
  readonly linksWritten: number;
  readonly elapsedMs: number;
}

/** What `seedScale` wrote. */
export interface ScaleSummary {
  readonly lots: number;
  readonly links: number;
  readonly orders: number;
  /** Shipments of finished lots to the demo's customers. */
  readonly shipments: number;
  readonly demoLoaded: boolean;
  readonly elapsedMs: number;
}

/** Raised when the scale dataset is already in the database. */
export class ScaleAlreadyLoadedError extends Error {
  override name = 'ScaleAlreadyLoadedError';
}

/** Lots per chunk: each chunk is generated, written in one transaction, and forgotten. */
const CHUNK = 10_000;
const ROWS_PER_INSERT = 1000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Ids of the scale dataset; prefixed with `s` so they never meet the demo's. */
export const scaleIds = {
  lot: (g: number) => `lot-s${pad(g + 1, 7)}`,
  lotNumber: (g: number, at: number) => `S${yearMonth(at)}-${pad(g + 1, 7)}`,
  order: (o: number) => `order-s${pad(o + 1, 6)}`,
  orderNumber: (o: number) => `PO-S${pad(o + 1, 6)}`,
  link: (n: number) => `link-s${pad(n, 8)}`,
};

async function ensureMasterData(root: Kysely<RootDatabase>): Promise<boolean> {
  if (await isEmpty(root)) {
    await seedDemo(root);
    return true;
  }
  const known = await erpDb(root)
    .selectFrom('item')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(
      'id',
      'in',
      ITEMS.map((item) => item.id),
    )
    .executeTakeFirstOrThrow();
  if (Number(known.count) !== ITEMS.length) {
    throw new Error(
      'the scale dataset builds on the demo master data, which this database does not hold',
    );
  }
  return false;
}

async function writeOrders(root: Kysely<RootDatabase>, layout: ScaleLayout): Promise<void> {
  const orders: NewProductionOrderRow[] = [];
  const executions: NewExecutionRow[] = [];
  const operations: NewOperationRow[] = [];
  for (let o = 0; o < layout.orders; o += 1) {
    const { first, last } = layout.orderLots(o);
    const item = layout.itemOf(first);
    const plant = layout.plantOf(first);
    let planned = 0;
    for (let g = first; g <= last; g += 1) planned += layout.quantityOf(g);
    const startedAt = layout.lotTime(first);
    const finishedAt = addDays(layout.lotTime(last), 0.5);
    const releasedAt = layout.releasedAt(o);
    const createdAt = addDays(releasedAt, -2);
    const revision = revisionAt(item, releasedAt);
    const id = scaleIds.order(o);
    const closedAt = Math.min(SEED_NOW, addDays(finishedAt, 14));
    orders.push({
      id,
      number: scaleIds.orderNumber(o),
      plant_id: plant.id,
      item_id: item.id,
      planned_quantity: String(planned),
      uom: item.baseUom,
      status: 'CLOSED',
      due_date: isoDate(addDays(createdAt, 21)),
      created_at: new Date(createdAt),
      released_at: new Date(releasedAt),
      pinned_item_revision_id: ids.itemRevision(item, revision),
      pinned_bom_id: revision.bom ? ids.bom(item, revision) : null,
      pinned_routing_id: revision.routing ? ids.routing(item, revision) : null,
      revision: 5,
      source_key: `AUFNR ${scaleIds.orderNumber(o).slice(3)}`,
      updated_at: new Date(closedAt),
    });
    executions.push({
      order_id: id,
      plant_id: plant.id,
      status: 'COMPLETED',
      started_at: new Date(startedAt),
      completed_at: new Date(finishedAt),
      good_quantity: String(planned),
      scrap_quantity: '0',
      uom: item.baseUom,
      revision: 3,
      updated_at: new Date(finishedAt),
    });
    const steps = revision.routing ?? [];
    const slice = (finishedAt - startedAt) / Math.max(1, steps.length);
    steps.forEach((step, i) => {
      const sequence = (i + 1) * 10;
      operations.push({
        id: `operation-s${pad(o + 1, 6)}-${pad(sequence, 3)}`,
        order_id: id,
        sequence,
        operation_code: step.code,
        description: step.description,
        work_center: step.workCenter,
        status: 'COMPLETED',
        planned_quantity: String(planned),
        good_quantity: String(planned),
        scrap_quantity: '0',
        uom: item.baseUom,
        started_at: new Date(startedAt + Math.round(slice * i)),
        completed_at: new Date(startedAt + Math.round(slice * (i + 1))),
        requires_inspection: step.inspection !== undefined,
        revision: 3,
        updated_at: new Date(startedAt + Math.round(slice * (i + 1))),
      });
    });
  }
  await root.transaction().execute(async (trx) => {
    const erp = erpDb(trx);
    const mes = mesDb(trx);
    for (let i = 0; i < orders.length; i += ROWS_PER_INSERT) {
      await erp
        .insertInto('production_order')
        .values(orders.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
    for (let i = 0; i < executions.length; i += ROWS_PER_INSERT) {
      await mes
        .insertInto('execution')
        .values(executions.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
    for (let i = 0; i < operations.length; i += ROWS_PER_INSERT) {
      await mes
        .insertInto('operation')
        .values(operations.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
  });
}

/** Column arrays of one chunk, written with `insert ... select * from unnest(...)`. */
class ChunkColumns {
  readonly lot = {
    id: [] as string[],
    number: [] as string[],
    item: [] as string[],
    plant: [] as string[],
    quantity: [] as string[],
    uom: [] as string[],
    origin: [] as string[],
    order: [] as (string | null)[],
    at: [] as string[],
  };
  readonly batch = {
    supplier: [] as (string | null)[],
    supplierLot: [] as (string | null)[],
    manufactured: [] as string[],
    stock: [] as string[],
  };
  readonly quality = { status: [] as string[], reason: [] as string[], changedAt: [] as string[] };
  readonly production = { lot: [] as string[], order: [] as string[], at: [] as string[] };
  readonly link = {
    id: [] as string[],
    parent: [] as string[],
    child: [] as string[],
    quantity: [] as string[],
    uom: [] as string[],
    order: [] as string[],
    at: [] as string[],
  };
}

function buildChunk(
  layout: ScaleLayout,
  consumption: ScaleConsumption,
  from: number,
  to: number,
  firstLink: number,
): ChunkColumns {
  const random = createRandom(
    (layout.seed ^ Math.imul(Math.floor(from / CHUNK) + 1, 0x85ebca6b)) >>> 0,
  );
  const columns = new ChunkColumns();
  const quarantineFrom = layout.lots - Math.ceil(layout.lots * 0.005);
  let linkNumber = firstLink;
  for (let g = from; g < to; g += 1) {
    const item = layout.itemOf(g);
    const plant = layout.plantOf(g);
    const createdAt = layout.lotTime(g);
    const o = layout.orderOf(g);
    const quantity = layout.quantityOf(g);
    const id = scaleIds.lot(g);
    const orderId = o === null ? null : scaleIds.order(o);
    const at = new Date(createdAt).toISOString();
    columns.lot.id.push(id);
    columns.lot.number.push(scaleIds.lotNumber(g, createdAt));
    columns.lot.item.push(item.id);
    columns.lot.plant.push(plant.id);
    columns.lot.quantity.push(String(quantity));
    columns.lot.uom.push(item.baseUom);
    columns.lot.origin.push(o === null ? 'PURCHASED' : 'PRODUCED');
    columns.lot.order.push(orderId);
    columns.lot.at.push(at);

    const supplier = item.purchase
      ? SUPPLIERS.find((s) => s.id === item.purchase?.supplierId)
      : undefined;
    const released = g < quarantineFrom;
    columns.batch.supplier.push(supplier?.id ?? null);
    columns.batch.supplierLot.push(supplier ? `${supplier.lotPrefix}S${pad(g + 1, 7)}` : null);
    columns.batch.manufactured.push(
      isoDate(o === null ? addDays(createdAt, -random.int(5, 40)) : createdAt),
    );
    columns.batch.stock.push(released ? String(random.int(0, Math.floor(quantity / 3))) : '0');
    columns.quality.status.push(released ? 'RELEASED' : 'QUARANTINE');
    columns.quality.reason.push(released ? 'Inspection passed' : 'Awaiting inspection');
    columns.quality.changedAt.push(
      new Date(released ? addDays(createdAt, 1) : createdAt).toISOString(),
    );

    if (orderId === null) continue;
    columns.production.lot.push(id);
    columns.production.order.push(orderId);
    columns.production.at.push(at);
    for (const link of consumption.linksOf(g, random)) {
      linkNumber += 1;
      columns.link.id.push(scaleIds.link(linkNumber));
      columns.link.parent.push(scaleIds.lot(link.parent));
      columns.link.child.push(id);
      columns.link.quantity.push(link.quantity);
      columns.link.uom.push(link.uom);
      columns.link.order.push(orderId);
      columns.link.at.push(at);
    }
  }
  return columns;
}

async function writeChunk(root: Kysely<RootDatabase>, c: ChunkColumns): Promise<void> {
  await root.transaction().execute(async (trx) => {
    const l = c.lot;
    await sql`insert into genealogy.lot (id, number, item_id, plant_id, quantity, uom, origin, order_id, created_at, updated_at)
      select *, t.created_at from unnest(${l.id}::text[], ${l.number}::text[], ${l.item}::text[], ${l.plant}::text[],
        ${l.quantity}::numeric[], ${l.uom}::text[], ${l.origin}::text[], ${l.order}::text[], ${l.at}::timestamptz[])
        as t(id, number, item_id, plant_id, quantity, uom, origin, order_id, created_at)`.execute(
      trx,
    );
    const b = c.batch;
    await sql`insert into erp.batch (lot_id, plant_id, supplier_id, supplier_lot_number, manufactured_on, stock_quantity, stock_uom, updated_at)
      select * from unnest(${l.id}::text[], ${l.plant}::text[], ${b.supplier}::text[], ${b.supplierLot}::text[],
        ${b.manufactured}::date[], ${b.stock}::numeric[], ${l.uom}::text[], ${l.at}::timestamptz[])`.execute(
      trx,
    );
    const q = c.quality;
    await sql`insert into quality.lot_quality (lot_id, status, reason, changed_at)
      select * from unnest(${l.id}::text[], ${q.status}::text[], ${q.reason}::text[], ${q.changedAt}::timestamptz[])`.execute(
      trx,
    );
    const p = c.production;
    if (p.lot.length > 0) {
      await sql`insert into mes.lot_production (lot_id, order_id, produced_at)
        select * from unnest(${p.lot}::text[], ${p.order}::text[], ${p.at}::timestamptz[])`.execute(
        trx,
      );
    }
    const k = c.link;
    if (k.id.length > 0) {
      await sql`insert into genealogy.lot_link (id, parent_lot_id, child_lot_id, quantity, uom, order_id, linked_at)
        select * from unnest(${k.id}::text[], ${k.parent}::text[], ${k.child}::text[], ${k.quantity}::numeric[],
          ${k.uom}::text[], ${k.order}::text[], ${k.at}::timestamptz[])`.execute(trx);
    }
  });
}

/**
 * Bulk-loads a benchmark dataset on top of the demo (loaded first when the database is empty):
 * `lots` lots in twelve layers (purchased, then eleven produced layers taking the BOM levels in
 * turn: parts, subassemblies, hydraulic ends, pumps) with about three links per lot, their ERP
 * batches, quality status and producing orders. Every produced lot consumes the lot-tracked lines
 * of the BOM its order pinned at release, in BOM quantity × its own quantity, from one to three
 * lots of each component made before it, so completeness and mass balance hold for all orders but
 * a deliberate few (`SCALE_GAP_SHARES`). Links only point to earlier layers, so the graph has no
 * cycles; backward traces run as deep as the BOM (four links from a pump to its steel). Written in
 * chunks of 10,000 lots, one transaction each, so memory stays flat. About 80 % of the finished
 * lots ship to the demo's customers.
 */
export async function seedScale(
  root: Kysely<RootDatabase>,
  options: ScaleOptions,
): Promise<ScaleSummary> {
  const { lots, seed = 1, onProgress } = options;
  if (!Number.isInteger(lots) || lots < SCALE_MIN_LOTS || lots > SCALE_MAX_LOTS) {
    throw new RangeError(
      `lots must be an integer from ${SCALE_MIN_LOTS} to ${SCALE_MAX_LOTS}, got ${lots}`,
    );
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const started = performance.now();
  const demoLoaded = await ensureMasterData(root);
  const existing = await genealogyDb(root)
    .selectFrom('lot')
    .select('id')
    .where('id', '=', scaleIds.lot(0))
    .executeTakeFirst();
  if (existing)
    throw new ScaleAlreadyLoadedError(
      'the scale dataset is already loaded; reset the database to load another',
    );

  const layout = new ScaleLayout(lots, seed >>> 0);
  const consumption = new ScaleConsumption(layout);
  await writeOrders(root, layout);
  await ensureCustomers(root);
  let links = 0;
  let shipments = 0;
  for (let from = 0; from < lots; from += CHUNK) {
    const to = Math.min(lots, from + CHUNK);
    const chunk = buildChunk(layout, consumption, from, to, links);
    await writeChunk(root, chunk);
    links += chunk.link.id.length;
    const shipped = scaleShipments(layout, from, to, scaleIds.lot);
    await writeScaleShipments(root, shipped);
    shipments += shipped.shipment.id.length;
    onProgress?.({
      lotsWritten: to,
      lotsTotal: lots,
      linksWritten: links,
      elapsedMs: performance.now() - started,
    });
  }
  // Fresh statistics: without them the planner guesses a bulk-loaded table is small and walks
  // millions of links by sequential scan until autovacuum gets round to it.
  await sql`analyze`.execute(root);
  return {
    lots,
    links,
    orders: layout.orders,
    shipments,
    demoLoaded,
    elapsedMs: performance.now() - started,
  };
}
