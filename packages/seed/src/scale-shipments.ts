import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { erpDb } from '../../../subgraphs/erp/src/db/erp-db.ts';
import { addDays } from './clock.ts';
import { CUSTOMERS, customersOf } from './customers.ts';
import { mulberry32 } from './random.ts';
import type { ScaleLayout } from './scale-layout.ts';

/** Share of the scale dataset's finished lots that shipped. */
export const SCALE_SHIPPED_SHARE = 0.8;
/** Consecutive finished lots (by index) that travel together when they share plant and customer. */
const LOTS_PER_SHIPMENT = 4;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Column arrays of one chunk's shipments, written with `insert ... select * from unnest(...)`. */
export interface ScaleShipmentColumns {
  readonly shipment: {
    readonly id: string[];
    readonly number: string[];
    readonly customer: string[];
    readonly plant: string[];
    readonly at: string[];
  };
  readonly line: {
    readonly shipment: string[];
    readonly lineNumber: number[];
    readonly lot: string[];
    readonly quantity: string[];
    readonly uom: string[];
  };
}

/**
 * The shipments of the finished lots among lots [`from`, `to`): about 80 % of them ship, in
 * shipments of up to four consecutive lots of one plant to one of its customers, three days
 * after the last of them was made. `lotId` names lots as the scale dataset does. Groups of four
 * never straddle a chunk, as chunks start at multiples of four.
 */
export function scaleShipments(
  layout: ScaleLayout,
  from: number,
  to: number,
  lotId: (g: number) => string,
): ScaleShipmentColumns {
  const columns: ScaleShipmentColumns = {
    shipment: { id: [], number: [], customer: [], plant: [], at: [] },
    line: { shipment: [], lineNumber: [], lot: [], quantity: [], uom: [] },
  };
  const open = new Map<string, { id: string; lines: number; at: number; index: number }>();
  for (let g = from; g < to; g += 1) {
    const item = layout.itemOf(g);
    if (item.type !== 'FINISHED_GOOD') continue;
    const draw = mulberry32(layout.seed ^ Math.imul(g + 1, 0x2545f491))();
    if (draw >= SCALE_SHIPPED_SHARE) continue;
    const plant = layout.plantOf(g);
    const group = Math.floor(g / LOTS_PER_SHIPMENT);
    const key = `${group}|${plant.id}`;
    let shipment = open.get(key);
    if (shipment === undefined) {
      const customers = customersOf(plant.id);
      const customer = customers[group % customers.length];
      if (!customer) throw new Error(`plant ${plant.id} has no customers`);
      const suffix = plant.code.toLowerCase();
      shipment = {
        id: `shipment-s${pad(group + 1, 6)}-${suffix}`,
        lines: 0,
        at: 0,
        index: columns.shipment.id.length,
      };
      open.set(key, shipment);
      columns.shipment.id.push(shipment.id);
      columns.shipment.number.push(`SH-S${pad(group + 1, 6)}-${plant.code}`);
      columns.shipment.customer.push(customer.id);
      columns.shipment.plant.push(plant.id);
      columns.shipment.at.push('');
    }
    shipment.lines += 1;
    shipment.at = Math.max(shipment.at, addDays(layout.lotTime(g), 3));
    columns.shipment.at[shipment.index] = new Date(shipment.at).toISOString();
    columns.line.shipment.push(shipment.id);
    columns.line.lineNumber.push(shipment.lines * 10);
    columns.line.lot.push(lotId(g));
    columns.line.quantity.push(String(layout.quantityOf(g)));
    columns.line.uom.push(item.baseUom);
  }
  return columns;
}

/** Adds the demo's customers when the database lacks them (a demo loaded before they existed). */
export async function ensureCustomers(root: Kysely<RootDatabase>): Promise<void> {
  await erpDb(root)
    .insertInto('customer')
    .values(
      CUSTOMERS.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        country: c.country,
        source_key: `KUNNR ${c.code}`,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Writes one chunk's shipments and their lines. */
export async function writeScaleShipments(
  root: Kysely<RootDatabase>,
  columns: ScaleShipmentColumns,
): Promise<void> {
  const s = columns.shipment;
  if (s.id.length === 0) return;
  const l = columns.line;
  await root.transaction().execute(async (trx) => {
    await sql`insert into erp.shipment (id, number, customer_id, plant_id, shipped_at, source_key, updated_at)
      select t.id, t.number, t.customer_id, t.plant_id, t.shipped_at, 'VBELN ' || t.number, t.shipped_at
      from unnest(${s.id}::text[], ${s.number}::text[], ${s.customer}::text[], ${s.plant}::text[],
        ${s.at}::timestamptz[]) as t(id, number, customer_id, plant_id, shipped_at)`.execute(trx);
    await sql`insert into erp.shipment_line (shipment_id, line_number, lot_id, quantity, uom)
      select * from unnest(${l.shipment}::text[], ${l.lineNumber}::int[], ${l.lot}::text[],
        ${l.quantity}::numeric[], ${l.uom}::text[])`.execute(trx);
  });
}
