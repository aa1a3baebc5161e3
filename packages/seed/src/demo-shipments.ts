import type { NewCustomerRow } from '../../../subgraphs/erp/src/db/tables/customer.ts';
import type { NewShipmentLineRow } from '../../../subgraphs/erp/src/db/tables/shipment-line.ts';
import type { NewShipmentRow } from '../../../subgraphs/erp/src/db/tables/shipment.ts';
import { SEED_NOW, addDays, isoDate } from './clock.ts';
import { CUSTOMERS, customersOf, type CustomerDef } from './customers.ts';
import type { DemoSimulation } from './demo-simulation.ts';
import { ids } from './identifiers.ts';
import { createRandom } from './random.ts';
import type { SimLot } from './simulation-types.ts';

/**
 * Seed of the customer choices. Separate from the production seed so shipments can change
 * without moving any other record of the demo.
 */
export const SHIPMENT_SEED = 20261126;
/** Share of shipped lots delivered in two parts, to two customers. */
const SPLIT_SHARE = 0.2;

/** The demo's customers and shipments, as rows. */
export interface ShipmentRows {
  readonly customer: NewCustomerRow[];
  readonly shipment: NewShipmentRow[];
  readonly shipment_line: NewShipmentLineRow[];
}

/** One delivery of part of a lot. */
export interface Delivery {
  readonly lot: SimLot;
  readonly customer: CustomerDef;
  readonly quantity: number;
  readonly shippedAt: number;
}

/**
 * Who received each finished lot the simulation shipped: a customer of its plant, and for a
 * share of lots a second customer a few days later for part of it. Lots shipped from one plant
 * to one customer on the same day travel in one shipment.
 */
export function demoDeliveries(sim: DemoSimulation): Delivery[] {
  const random = createRandom(SHIPMENT_SEED);
  const shipped = sim.lots
    .filter((lot): lot is SimLot & { shippedAt: number } => lot.shippedAt !== null)
    .sort((a, b) => a.shippedAt - b.shippedAt || a.seq - b.seq);
  const deliveries: Delivery[] = [];
  for (const lot of shipped) {
    const candidates = customersOf(lot.plant.id);
    const first = random.pick(candidates);
    const quantity = lot.quantity.toNumber();
    const laterAt = addDays(lot.shippedAt, random.int(2, 6));
    const others = candidates.filter((c) => c !== first);
    const split =
      random.chance(SPLIT_SHARE) && quantity >= 2 && laterAt <= SEED_NOW && others.length > 0;
    if (!split) {
      deliveries.push({ lot, customer: first, quantity, shippedAt: lot.shippedAt });
      continue;
    }
    const part = Math.floor(quantity / 2);
    deliveries.push(
      { lot, customer: first, quantity: quantity - part, shippedAt: lot.shippedAt },
      { lot, customer: random.pick(others), quantity: part, shippedAt: laterAt },
    );
  }
  return deliveries.sort((a, b) => a.shippedAt - b.shippedAt || a.lot.seq - b.lot.seq);
}

/** Customer, shipment and shipment-line rows of the demo. */
export function shipmentRows(sim: DemoSimulation): ShipmentRows {
  const rows: ShipmentRows = {
    customer: CUSTOMERS.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      country: c.country,
      revision: 1,
      source_key: `KUNNR ${c.code}`,
      updated_at: new Date(Date.UTC(2025, 8, 1)),
    })),
    shipment: [],
    shipment_line: [],
  };
  const open = new Map<string, { id: string; lines: number }>();
  for (const delivery of demoDeliveries(sim)) {
    const key = `${delivery.lot.plant.id}|${delivery.customer.id}|${isoDate(delivery.shippedAt)}`;
    let shipment = open.get(key);
    if (shipment === undefined) {
      const seq = rows.shipment.length + 1;
      shipment = { id: ids.shipment(seq), lines: 0 };
      open.set(key, shipment);
      rows.shipment.push({
        id: shipment.id,
        number: ids.shipmentNumber(seq),
        customer_id: delivery.customer.id,
        plant_id: delivery.lot.plant.id,
        shipped_at: new Date(delivery.shippedAt),
        revision: 1,
        source_key: `VBELN ${ids.shipmentNumber(seq).slice(3)}`,
        updated_at: new Date(delivery.shippedAt),
      });
    }
    shipment.lines += 1;
    rows.shipment_line.push({
      shipment_id: shipment.id,
      line_number: shipment.lines * 10,
      lot_id: ids.lot(delivery.lot.seq),
      quantity: String(delivery.quantity),
      uom: delivery.lot.item.baseUom,
    });
  }
  return rows;
}
