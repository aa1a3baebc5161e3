import type { LotResolvers } from '../__generated__/resolvers-types.ts';

export const Lot: LotResolvers = {
  // Every lot exists for quality, with or without a quality record: its fields load from the id.
  __resolveReference: ({ id }) => ({ id }),
  qualityStatus: async (lot, _args, { loaders }) =>
    (await loaders.lotQuality.load(lot.id))?.status ?? null,
  qualityStatusChangedAt: async (lot, _args, { loaders }) =>
    (await loaders.lotQuality.load(lot.id))?.changedAt ?? null,
  inspections: (lot, _args, { loaders }) => loaders.inspectionsOfLot.load(lot.id),
  nonconformances: (lot, _args, { loaders }) => loaders.nonconformancesOfLot.load(lot.id),
};
