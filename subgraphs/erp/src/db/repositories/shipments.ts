import type { ErpDb } from '../erp-db.ts';
import type { ShipmentLineRow } from '../tables/shipment-line.ts';
import type { ShipmentRow } from '../tables/shipment.ts';

/** A shipment line with the shipment it belongs to. */
export type ShipmentLineWithShipment = ShipmentLineRow & {
  customer_id: string;
  plant_id: string;
  shipped_at: Date;
};

export function findShipmentsByIds(db: ErpDb, ids: readonly string[]): Promise<ShipmentRow[]> {
  return db.selectFrom('shipment').selectAll().where('id', 'in', ids).execute();
}

export function findShipmentsByNumbers(
  db: ErpDb,
  numbers: readonly string[],
): Promise<ShipmentRow[]> {
  return db.selectFrom('shipment').selectAll().where('number', 'in', numbers).execute();
}

/** The lines of the given shipments, by shipment then line number. */
export function findLinesOfShipments(
  db: ErpDb,
  shipmentIds: readonly string[],
): Promise<ShipmentLineRow[]> {
  return db
    .selectFrom('shipment_line')
    .selectAll()
    .where('shipment_id', 'in', shipmentIds)
    .orderBy('shipment_id')
    .orderBy('line_number')
    .execute();
}

/** The shipment lines that delivered the given lots, oldest shipment first. */
export function findShipmentLinesOfLots(
  db: ErpDb,
  lotIds: readonly string[],
): Promise<ShipmentLineWithShipment[]> {
  return db
    .selectFrom('shipment_line as l')
    .innerJoin('shipment as s', 's.id', 'l.shipment_id')
    .selectAll('l')
    .select(['s.customer_id', 's.plant_id', 's.shipped_at'])
    .where('l.lot_id', 'in', lotIds)
    .orderBy('s.shipped_at')
    .orderBy('l.shipment_id')
    .orderBy('l.line_number')
    .execute();
}

/**
 * For each customer, its first `limit` shipments newest first, after the shipment `after` (its
 * time and id), in one query: a window numbers each customer's shipments.
 */
export function findShipmentPagesOfCustomers(
  db: ErpDb,
  customerIds: readonly string[],
  after: { readonly shippedAt: Date; readonly id: string } | null,
  limit: number,
): Promise<ShipmentRow[]> {
  return db
    .selectFrom((eb) => {
      let inner = eb
        .selectFrom('shipment')
        .selectAll()
        .select((sub) =>
          sub.fn
            .agg<number>('row_number')
            .over((over) =>
              over.partitionBy('customer_id').orderBy('shipped_at', 'desc').orderBy('id', 'desc'),
            )
            .as('position'),
        )
        .where('customer_id', 'in', customerIds);
      if (after !== null) {
        inner = inner.where((w) =>
          w.or([
            w('shipped_at', '<', after.shippedAt),
            w.and([w('shipped_at', '=', after.shippedAt), w('id', '<', after.id)]),
          ]),
        );
      }
      return inner.as('ranked');
    })
    .selectAll()
    .where('position', '<=', limit)
    .orderBy('customer_id')
    .orderBy('shipped_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
