import type { OperationResolvers } from '../__generated__/resolvers-types.ts';
import { orderRef } from '../domain/order.ts';
import { mesSourceRef } from '../domain/source-ref.ts';

export const Operation: OperationResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.operation.load(id),
  order: (operation) => orderRef(operation.orderId),
  sourceRefs: (operation) => [mesSourceRef(operation.id, operation.updatedAt)],
};
