import type { LotResolvers } from '../__generated__/resolvers-types.ts';
import { orderRef } from '../domain/order.ts';

export const Lot: LotResolvers = {
  __resolveReference: async ({ id }, { loaders }) => ({
    id,
    production: await loaders.lotProduction.load(id),
  }),
  producedBy: (lot) => (lot.production ? orderRef(lot.production.orderId) : null),
};
