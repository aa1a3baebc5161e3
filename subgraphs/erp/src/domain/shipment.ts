import type { Connection, Quantity } from '@plantgraph/platform';
import type { ShipmentLineRow } from '../db/tables/shipment-line.ts';
import type { ShipmentRow } from '../db/tables/shipment.ts';

/** A delivery of finished lots from a plant to a customer. */
export interface Shipment {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly plantId: string;
  readonly shippedAt: Date;
  readonly revision: number;
  readonly sourceKey: string;
  readonly updatedAt: Date;
}

/** How much of one lot a shipment delivered. */
export interface ShipmentLine {
  readonly shipmentId: string;
  readonly lineNumber: number;
  readonly lotId: string;
  readonly quantity: Quantity;
}

export type ShipmentConnection = Connection<Shipment>;

export function rowToShipment(row: ShipmentRow): Shipment {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    plantId: row.plant_id,
    shippedAt: row.shipped_at,
    revision: row.revision,
    sourceKey: row.source_key,
    updatedAt: row.updated_at,
  };
}

export function rowToShipmentLine(row: ShipmentLineRow): ShipmentLine {
  return {
    shipmentId: row.shipment_id,
    lineNumber: row.line_number,
    lotId: row.lot_id,
    quantity: { value: row.quantity, uom: row.uom },
  };
}

/** The key a customer's shipments are paged by (newest first): shipping time, then id. */
export function shipmentSortKey(shipment: Shipment): string {
  return `${shipment.shippedAt.toISOString()}|${shipment.id}`;
}

/** The shipment a cursor key names, or null when the key is not one `shipmentSortKey` wrote. */
export function parseShipmentSortKey(key: string): { shippedAt: Date; id: string } | null {
  const at = key.indexOf('|');
  if (at < 0) return null;
  const shippedAt = new Date(key.slice(0, at));
  return Number.isNaN(shippedAt.getTime()) ? null : { shippedAt, id: key.slice(at + 1) };
}
