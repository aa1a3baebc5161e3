import type { OrderResolvers } from '../__generated__/resolvers-types.ts';
import { entityRef } from '../domain/entity-ref.ts';
import { parentSide } from '../domain/lot-link.ts';

export const Order: OrderResolvers = {
  __resolveReference: ({ id }) => entityRef(id),
  producedLots: (order, _args, { loaders }) => loaders.lotsOfOrder.load(order.id),
  // What the order consumed is the input side of the links it recorded.
  consumedLots: async (order, _args, { loaders }) =>
    (await loaders.linksOfOrder.load(order.id)).map(parentSide),
};
