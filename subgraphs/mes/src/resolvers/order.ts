import type { OrderResolvers } from '../__generated__/resolvers-types.ts';
import { orderRef } from '../domain/order.ts';

export const Order: OrderResolvers = {
  // The order is erp's: the MES answers for any id, with nothing recorded yet when it has none.
  __resolveReference: ({ id }) => orderRef(id),
  operations: (order, _args, { loaders }) => loaders.operationsOfOrder.load(order.id),
  execution: (order, _args, { loaders }) => loaders.executionOfOrder.load(order.id),
};
