import type DataLoader from 'dataloader';
import { loaderByKey, loaderOfMany, type PageRequest } from '@plantgraph/platform';
import type { ErpDb } from './db/erp-db.ts';
import { findCustomersByIds } from './db/repositories/customers.ts';
import {
  findLinesOfShipments,
  findShipmentLinesOfLots,
  findShipmentPagesOfCustomers,
  findShipmentsByIds,
  findShipmentsByNumbers,
} from './db/repositories/shipments.ts';
import { rowToCustomer } from './domain/customer.ts';
import {
  parseShipmentSortKey,
  rowToShipment,
  rowToShipmentLine,
  type Shipment,
} from './domain/shipment.ts';

/** Per-request loaders of customers and shipments: one query per batch. */
export function createShipmentLoaders(db: ErpDb) {
  const pagesByShape = new Map<string, DataLoader<string, Shipment[]>>();
  return {
    customer: loaderByKey(
      async (ids) => (await findCustomersByIds(db, ids)).map(rowToCustomer),
      (c) => c.id,
    ),
    shipment: loaderByKey(
      async (ids) => (await findShipmentsByIds(db, ids)).map(rowToShipment),
      (s) => s.id,
    ),
    shipmentByNumber: loaderByKey(
      async (numbers) => (await findShipmentsByNumbers(db, numbers)).map(rowToShipment),
      (s) => s.number,
    ),
    linesOfShipment: loaderOfMany(
      async (ids) => (await findLinesOfShipments(db, ids)).map(rowToShipmentLine),
      (line) => line.shipmentId,
    ),
    /** The lines that delivered a lot, oldest shipment first. */
    shipmentLinesOfLot: loaderOfMany(
      async (lotIds) => (await findShipmentLinesOfLots(db, lotIds)).map(rowToShipmentLine),
      (line) => line.lotId,
    ),
    /**
     * The loader of one page shape (`first`/`after`): every customer asking for the same page is
     * answered by one query, which fetches one row more than the page to tell if more follow.
     */
    shipmentPageOfCustomer(page: PageRequest): DataLoader<string, Shipment[]> {
      const shape = JSON.stringify([page.limit, page.after]);
      let loader = pagesByShape.get(shape);
      if (loader === undefined) {
        const after = page.after === null ? null : parseShipmentSortKey(page.after);
        loader = loaderOfMany(
          async (customerIds) =>
            (await findShipmentPagesOfCustomers(db, customerIds, after, page.limit + 1)).map(
              rowToShipment,
            ),
          (shipment) => shipment.customerId,
        );
        pagesByShape.set(shape, loader);
      }
      return loader;
    },
  };
}
