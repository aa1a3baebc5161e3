import type {
  RecallCustomerResolvers,
  RecallFinishedGoodsResolvers,
  RecallImpactResolvers,
} from '../__generated__/resolvers-types.ts';
import type { ErpContext } from '../context.ts';
import { findBatchesBySupplierLots, findItemsOfType } from '../db/repositories/recall-scope.ts';
import { findShipmentLinesOfLots } from '../db/repositories/shipments.ts';
import { rowToBatch } from '../domain/batch.ts';
import { rowToItem } from '../domain/item.ts';
import {
  recallCustomers,
  recallShipmentSummary,
  type DeliveredLine,
} from '../domain/recall-customers.ts';
import { recallImpactRef, type RecallFinishedGoodsRef } from '../domain/recall-impact.ts';
import { rowToShipmentLine } from '../domain/shipment.ts';

/** The deliveries of a set of lots, read once per object (that is, once per request). */
const deliveriesOf = new WeakMap<RecallFinishedGoodsRef, Promise<DeliveredLine[]>>();

function deliveries(
  finished: RecallFinishedGoodsRef,
  { db }: ErpContext,
): Promise<DeliveredLine[]> {
  let found = deliveriesOf.get(finished);
  if (found === undefined) {
    const lotIds = finished.lotIds;
    found =
      lotIds.length === 0
        ? Promise.resolve([])
        : findShipmentLinesOfLots(db, lotIds).then((rows) =>
            rows.map((row) => ({
              ...rowToShipmentLine(row),
              customerId: row.customer_id,
              shippedAt: row.shipped_at,
            })),
          );
    deliveriesOf.set(finished, found);
  }
  return found;
}

export const RecallImpact: RecallImpactResolvers = {
  __resolveReference: (representation) => recallImpactRef(representation),
  supplierLots: async (recall, _args, { db }) => {
    const number = recall.supplierLotNumber;
    if (number === undefined) throw new Error(`recall ${recall.id} came without its supplier lot`);
    if (number === null) return [];
    const rows = await findBatchesBySupplierLots(db, [number]);
    return rows.map((row) => ({ id: row.lot_id, batch: rowToBatch(row) }));
  },
  finishedGoodItems: async (_recall, _args, { db, loaders }) => {
    const items = (await findItemsOfType(db, 'FINISHED_GOOD')).map(rowToItem);
    for (const item of items) loaders.item.prime(item.id, item);
    return items;
  },
};

export const RecallFinishedGoods: RecallFinishedGoodsResolvers = {
  __resolveReference: ({ lotIds }) => ({ lotIds }),
  customers: async (finished, _args, context) => {
    const lines = await deliveries(finished, context);
    const customers = await context.loaders.customer.loadMany([
      ...new Set(lines.map((line) => line.customerId)),
    ]);
    const codes = new Map<string, string>();
    for (const customer of customers) {
      if (customer instanceof Error) throw customer;
      if (customer !== null) codes.set(customer.id, customer.code);
    }
    return recallCustomers(lines, (id) => codes.get(id) ?? id);
  },
  shipmentSummary: async (finished, _args, context) =>
    recallShipmentSummary(await deliveries(finished, context)),
};

export const RecallCustomer: RecallCustomerResolvers = {
  customer: async (received, _args, { loaders }) => {
    const customer = await loaders.customer.load(received.customerId);
    if (!customer) throw new Error(`customer ${received.customerId} of a shipment is missing`);
    return customer;
  },
  shipments: async (received, _args, { loaders }) => {
    const shipments = await loaders.shipment.loadMany(received.shipmentIds);
    return shipments.map((shipment, i) => {
      if (shipment instanceof Error) throw shipment;
      if (shipment === null) throw new Error(`shipment ${received.shipmentIds[i]} is missing`);
      return shipment;
    });
  },
  lots: async (received, _args, { loaders }) => {
    const batches = await loaders.batch.loadMany(received.lotIds);
    return received.lotIds.map((id, i) => {
      const batch = batches[i];
      if (batch instanceof Error) throw batch;
      return { id, batch: batch ?? null };
    });
  },
};
