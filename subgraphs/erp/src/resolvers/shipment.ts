import { badUserInput, pageRequest, toConnection } from '@plantgraph/platform';
import type {
  CustomerResolvers,
  ShipmentLineResolvers,
  ShipmentResolvers,
} from '../__generated__/resolvers-types.ts';
import { parseShipmentSortKey, shipmentSortKey } from '../domain/shipment.ts';
import { erpSourceRef } from '../domain/source-ref.ts';

export const Customer: CustomerResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.customer.load(id),
  sourceRefs: (customer) => [erpSourceRef(customer.sourceKey, customer.updatedAt)],
  shipments: async (customer, { first, after }, { loaders }) => {
    const page = pageRequest(first, after);
    if (page.after !== null && parseShipmentSortKey(page.after) === null) {
      throw badUserInput('after is not a cursor this API returned', 'after');
    }
    const shipments = await loaders.shipmentPageOfCustomer(page).load(customer.id);
    return toConnection(shipments, page, shipmentSortKey);
  },
};

export const Shipment: ShipmentResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.shipment.load(id),
  customer: async (shipment, _args, { loaders }) => {
    const customer = await loaders.customer.load(shipment.customerId);
    if (!customer) throw new Error(`customer ${shipment.customerId} of ${shipment.id} is missing`);
    return customer;
  },
  plant: async (shipment, _args, { loaders }) => {
    const plant = await loaders.plant.load(shipment.plantId);
    if (!plant) throw new Error(`plant ${shipment.plantId} of ${shipment.id} is missing`);
    return plant;
  },
  lines: (shipment, _args, { loaders }) => loaders.linesOfShipment.load(shipment.id),
  sourceRefs: (shipment) => [erpSourceRef(shipment.sourceKey, shipment.updatedAt)],
};

export const ShipmentLine: ShipmentLineResolvers = {
  shipment: async (line, _args, { loaders }) => {
    const shipment = await loaders.shipment.load(line.shipmentId);
    // shipment_line references shipment: a missing one means the database broke its constraint.
    if (!shipment) throw new Error(`shipment ${line.shipmentId} of a line is missing`);
    return shipment;
  },
  lot: async (line, _args, { loaders }) => ({
    id: line.lotId,
    batch: await loaders.batch.load(line.lotId),
  }),
};
