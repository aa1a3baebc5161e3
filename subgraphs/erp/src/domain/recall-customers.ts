import { Decimal } from 'decimal.js';
import type { Quantity } from '@plantgraph/platform';
import type { ShipmentLine } from './shipment.ts';

/** A shipment line with the customer and time of its shipment. */
export interface DeliveredLine extends ShipmentLine {
  readonly customerId: string;
  readonly shippedAt: Date;
}

/** What one customer received of a recall's finished lots. */
export interface RecallCustomer {
  readonly customerId: string;
  /** Shipment ids, oldest first. */
  readonly shipmentIds: readonly string[];
  /** Lot ids, sorted. */
  readonly lotIds: readonly string[];
  readonly quantities: readonly Quantity[];
}

/** Counts over every customer of a recall. */
export interface RecallShipmentSummary {
  readonly customers: number;
  readonly shipments: number;
  readonly shippedLots: number;
  readonly shippedQuantities: readonly Quantity[];
}

function sumPerUnit(quantities: readonly Quantity[]): Quantity[] {
  const totals = new Map<string, Decimal>();
  for (const { value, uom } of quantities) {
    totals.set(uom, (totals.get(uom) ?? new Decimal(0)).add(value));
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([uom, total]) => ({ value: total.toString(), uom }));
}

/** Groups the lines that delivered recalled lots per customer; `code` orders the customers. */
export function recallCustomers(
  lines: readonly DeliveredLine[],
  code: (customerId: string) => string,
): RecallCustomer[] {
  const byCustomer = new Map<string, DeliveredLine[]>();
  for (const line of lines) {
    const list = byCustomer.get(line.customerId);
    if (list) list.push(line);
    else byCustomer.set(line.customerId, [line]);
  }
  return [...byCustomer]
    .map(([customerId, received]) => ({
      customerId,
      shipmentIds: [
        ...new Set(
          [...received]
            .sort((a, b) => a.shippedAt.getTime() - b.shippedAt.getTime())
            .map((line) => line.shipmentId),
        ),
      ],
      lotIds: [...new Set(received.map((line) => line.lotId))].sort(),
      quantities: sumPerUnit(received.map((line) => line.quantity)),
    }))
    .sort((a, b) => (code(a.customerId) < code(b.customerId) ? -1 : 1));
}

/** The counts of a recall's deliveries. */
export function recallShipmentSummary(lines: readonly DeliveredLine[]): RecallShipmentSummary {
  return {
    customers: new Set(lines.map((line) => line.customerId)).size,
    shipments: new Set(lines.map((line) => line.shipmentId)).size,
    shippedLots: new Set(lines.map((line) => line.lotId)).size,
    shippedQuantities: sumPerUnit(lines.map((line) => line.quantity)),
  };
}
