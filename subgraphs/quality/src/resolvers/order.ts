import type { OrderResolvers } from '../__generated__/resolvers-types.ts';

export const Order: OrderResolvers = {
  // erp owns orders; quality's fields load from the id alone.
  __resolveReference: ({ id }) => ({ id }),
  inspections: (order, _args, { loaders }) => loaders.inspectionsOfOrder.load(order.id),
  nonconformances: (order, _args, { loaders }) => loaders.nonconformancesOfOrder.load(order.id),
};
