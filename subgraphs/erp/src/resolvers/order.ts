import type { GoodsMovementResolvers, OrderResolvers } from '../__generated__/resolvers-types.ts';
import { erpSourceRef } from '../domain/source-ref.ts';

export const Order: OrderResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.order.load(id),
  plant: async (order, _args, { loaders }) => {
    const plant = await loaders.plant.load(order.plantId);
    if (!plant) throw new Error(`plant ${order.plantId} of order ${order.id} is missing`);
    return plant;
  },
  item: async (order, _args, { loaders }) => {
    const item = await loaders.item.load(order.itemId);
    if (!item) throw new Error(`item ${order.itemId} of order ${order.id} is missing`);
    return item;
  },
  pinnedItemRevision: (order, _args, { loaders }) =>
    order.pinnedItemRevisionId ? loaders.revision.load(order.pinnedItemRevisionId) : null,
  pinnedBom: (order, _args, { loaders }) =>
    order.pinnedBomId ? loaders.bom.load(order.pinnedBomId) : null,
  pinnedRouting: (order, _args, { loaders }) =>
    order.pinnedRoutingId ? loaders.routing.load(order.pinnedRoutingId) : null,
  goodsMovements: (order, _args, { loaders }) => loaders.movementsOfOrder.load(order.id),
  sourceRefs: (order) => [erpSourceRef(order.sourceKey, order.updatedAt)],
};

export const GoodsMovement: GoodsMovementResolvers = {
  lot: async (movement, _args, { loaders }) => ({
    id: movement.lotId,
    batch: await loaders.batch.load(movement.lotId),
  }),
  item: async (movement, _args, { loaders }) => {
    const item = await loaders.item.load(movement.itemId);
    if (!item)
      throw new Error(`item ${movement.itemId} of goods movement ${movement.id} is missing`);
    return item;
  },
};
