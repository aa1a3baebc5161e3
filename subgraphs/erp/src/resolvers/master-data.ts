import type { PlantResolvers, SupplierResolvers } from '../__generated__/resolvers-types.ts';

export const Plant: PlantResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.plant.load(id),
};

export const Supplier: SupplierResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.supplier.load(id),
};
