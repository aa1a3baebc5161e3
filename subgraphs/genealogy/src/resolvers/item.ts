import { pageRequest, toConnection } from '@plantgraph/platform';
import type { ItemResolvers } from '../__generated__/resolvers-types.ts';
import { entityRef } from '../domain/entity-ref.ts';
import { lotSortKey } from '../domain/lot.ts';

export const Item: ItemResolvers = {
  __resolveReference: ({ id }) => entityRef(id),
  lots: async (item, { first, after }, { loaders }) => {
    const page = pageRequest(first, after);
    const lots = await loaders.lotPageOfItem(page).load(item.id);
    return toConnection(lots, page, lotSortKey);
  },
};
