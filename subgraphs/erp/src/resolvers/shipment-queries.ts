import { pageRequest, toConnection } from '@plantgraph/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listCustomers } from '../db/repositories/customers.ts';
import { listBatchesBySupplierLot } from '../db/repositories/recall-scope.ts';
import { rowToBatch } from '../domain/batch.ts';
import { rowToCustomer } from '../domain/customer.ts';

/** Queries of customers, shipments, and lots by supplier lot number. */
export const shipmentQueries: Pick<
  QueryResolvers,
  'lotsBySupplierLot' | 'customers' | 'customer' | 'shipment' | 'shipmentByNumber'
> = {
  lotsBySupplierLot: async (_parent, { supplierLotNumber, first, after }, { db }) => {
    const page = pageRequest(first, after);
    const rows = await listBatchesBySupplierLot(db, supplierLotNumber, page.after, page.limit + 1);
    const lots = rows.map((row) => ({ id: row.lot_id, batch: rowToBatch(row) }));
    return toConnection(lots, page, (lot) => lot.id);
  },
  customers: async (_parent, _args, { db }) => (await listCustomers(db)).map(rowToCustomer),
  customer: (_parent, { id }, { loaders }) => loaders.customer.load(id),
  shipment: (_parent, { id }, { loaders }) => loaders.shipment.load(id),
  shipmentByNumber: (_parent, { number }, { loaders }) => loaders.shipmentByNumber.load(number),
};
