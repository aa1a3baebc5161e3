import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  operation: (_parent, { id }, { loaders }) => loaders.operation.load(id),
};
