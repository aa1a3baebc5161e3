import type { LotResolvers } from '../__generated__/resolvers-types.ts';

export const Lot: LotResolvers = {
  __resolveReference: async ({ id }, { loaders }) => ({ id, batch: await loaders.batch.load(id) }),
  supplier: (lot, _args, { loaders }) =>
    lot.batch?.supplierId ? loaders.supplier.load(lot.batch.supplierId) : null,
  supplierLotNumber: (lot) => lot.batch?.supplierLotNumber ?? null,
  manufacturedOn: (lot) => lot.batch?.manufacturedOn ?? null,
  expiresOn: (lot) => lot.batch?.expiresOn ?? null,
  stock: (lot) => lot.batch?.stock ?? null,
  shipments: (lot, _args, { loaders }) => loaders.shipmentLinesOfLot.load(lot.id),
};
