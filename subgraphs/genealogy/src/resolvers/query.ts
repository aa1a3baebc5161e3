import { pageRequest, toConnection } from '@plantgraph/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listLots } from '../db/repositories/lots.ts';
import { lotSortKey, rowToLot } from '../domain/lot.ts';

export const Query: QueryResolvers = {
  lot: (_parent, { id }, { loaders }) => loaders.lot.load(id),
  lotByNumber: (_parent, { number }, { loaders }) => loaders.lotByNumber.load(number),
  lots: async (_parent, { first, after, itemId, plantId, origin }, { db }) => {
    const page = pageRequest(first, after);
    const filter = { itemId: itemId ?? null, plantId: plantId ?? null, origin: origin ?? null };
    const rows = await listLots(db, filter, page.after, page.limit + 1);
    return toConnection(rows.map(rowToLot), page, lotSortKey);
  },
};
